package im.parley.module.pubsub;

/**
 * What one service (one account's PEP, or the pubsub component) may keep.
 *
 * @param maxItems items one node keeps at most; max_items above it, or "max", means this
 * @param maxItemBytes largest item payload, as XML in UTF-8
 * @param maxNodes nodes one service has at most
 */
public record Limits(int maxItems, long maxItemBytes, int maxNodes) {
}
