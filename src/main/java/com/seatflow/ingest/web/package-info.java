/** The REST API of the inbound channels: an organisation's mail import address. */
package com.seatflow.ingest.web;
