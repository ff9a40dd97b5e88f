/** The REST API of seat pools and their ledger. */
package com.seatflow.licensing.web;
