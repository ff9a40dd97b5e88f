/** Outbound mail through a transactional outbox: .eml files by default, SMTP with the smtp profile. */
package com.seatflow.notification;
