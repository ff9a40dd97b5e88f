/** Support's API for the outbox (support only). */
package com.seatflow.notification.web;
