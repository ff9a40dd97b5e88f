/** The operators' API for job executions and schedules (support only). */
package com.seatflow.scheduling.web;
