/** Cross-cutting plumbing shared by every module: clock, security, executors, errors. */
package com.seatflow.platform;
