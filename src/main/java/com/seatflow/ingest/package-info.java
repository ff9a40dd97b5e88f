/** Camel routes that feed files into imports: the local drop folder (SFTP and mail come with their issue). */
package com.seatflow.ingest;
