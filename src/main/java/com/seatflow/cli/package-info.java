/** One-shot command-line modes: validate a file without changing anything; run a job once by name. */
package com.seatflow.cli;
