/** Demo data for a first look (profile {@code demo}): two organisations, a programme, a group, demo users. */
package com.seatflow.demo;
