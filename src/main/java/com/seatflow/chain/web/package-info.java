/** The REST API of chain management: requests, invitations, answers, members, membership, transfers and audit. */
package com.seatflow.chain.web;
