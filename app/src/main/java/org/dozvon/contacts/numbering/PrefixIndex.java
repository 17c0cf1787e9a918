package org.dozvon.contacts.numbering;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The prefix table in memory: a digit trie, so that the longest prefix of a number is found in one walk
 * along its digits, without allocating. Immutable.
 */
final class PrefixIndex {

    static final PrefixIndex EMPTY = of(List.of());

    /** children[node * 10 + digit]: the child node, 0 for none (node 0 is the root, never a child). */
    private final int[] children;
    /** entries[node]: the prefix ending at the node, or null. */
    private final PhonePrefix[] entries;

    private PrefixIndex(int[] children, PhonePrefix[] entries) {
        this.children = children;
        this.entries = entries;
    }

    static PrefixIndex of(Collection<PhonePrefix> prefixes) {
        int[] children = new int[10 * (1 + prefixes.stream().mapToInt(p -> p.code().length()).sum())];
        PhonePrefix[] entries = new PhonePrefix[children.length / 10];
        int nodes = 1;
        for (PhonePrefix prefix : prefixes) {
            int node = 0;
            for (int i = 0; i < prefix.code().length(); i++) {
                int slot = node * 10 + (prefix.code().charAt(i) - '0');
                if (children[slot] == 0) {
                    children[slot] = nodes++;
                }
                node = children[slot];
            }
            entries[node] = prefix;
        }
        return new PrefixIndex(Arrays.copyOf(children, nodes * 10), Arrays.copyOf(entries, nodes));
    }

    /**
     * The longest prefix of the digits, or null. Characters other than digits are skipped, so that
     * {@code +7 495 …} finds {@code 7495}.
     */
    PhonePrefix longest(CharSequence number) {
        PhonePrefix found = null;
        int node = 0;
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c < '0' || c > '9') {
                continue;
            }
            node = children[node * 10 + (c - '0')];
            if (node == 0) {
                break;
            }
            if (entries[node] != null) {
                found = entries[node];
            }
        }
        return found;
    }

    int size() {
        return (int) Arrays.stream(entries).filter(entry -> entry != null).count();
    }

}
