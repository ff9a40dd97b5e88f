/** The REST API of groups (keys, members, progress, refunds), the key redemption page, and who may reach them. */
package com.seatflow.group.web;
