/** Invitations of every kind and their links: tokens of 256 random bits, stored only as SHA-256 hashes. */
package com.seatflow.invitation;
