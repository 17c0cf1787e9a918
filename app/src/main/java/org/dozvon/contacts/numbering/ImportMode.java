package org.dozvon.contacts.numbering;

/** What an import of a plan file replaces. */
enum ImportMode {
    /**
     * The ranges of the codes the file has rows for; other codes stay. The regulator publishes the plan
     * in several files (ABC-3xx, ABC-4xx, ABC-8xx, DEF-9xx): each can be loaded on its own, in any order.
     */
    REPLACE_CODES,
    /** The whole directory: what is not in the file is gone. */
    REPLACE_ALL
}
