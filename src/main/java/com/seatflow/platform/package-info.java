/**
 * Cross-cutting plumbing shared by every module: clock, executors, API errors, SQL and CSV helpers. An open module:
 * every other module may use it, and it depends on none of them.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package com.seatflow.platform;

import org.springframework.modulith.ApplicationModule;
