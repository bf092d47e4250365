package im.parley.module.muc;

import im.parley.api.ModuleContext;

/** What the group chat handlers share: the module's context, its config, the rooms and the presence logic. */
record Muc(ModuleContext ctx, MucConfig config, Rooms rooms, OccupantIds ids, Presences presences, RoomArchive archive) {
}
