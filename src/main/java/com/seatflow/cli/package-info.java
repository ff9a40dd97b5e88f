/** One-shot command-line mode: validate a file and print the report without changing anything. */
package com.seatflow.cli;
