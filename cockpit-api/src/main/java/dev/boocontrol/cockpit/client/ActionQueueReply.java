package dev.boocontrol.cockpit.client;

/**
 * What action-queue answered: its status and JSON body, passed on to the operator as they are.
 *
 * @param body the JSON text; null when the answer had none
 */
public record ActionQueueReply(int status, String body) {}
