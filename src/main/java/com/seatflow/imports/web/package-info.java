/** The REST API of imports: upload, follow, review, cancel, download error reports and templates. */
package com.seatflow.imports.web;
