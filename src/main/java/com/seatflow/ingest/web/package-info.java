/** The REST API of the inbound channels: an organisation's mail import address and SFTP integrations. */
package com.seatflow.ingest.web;
