/** Camel routes that feed files into imports: the local drop folder, SFTP integrations and the import mailbox. */
package com.seatflow.ingest;
