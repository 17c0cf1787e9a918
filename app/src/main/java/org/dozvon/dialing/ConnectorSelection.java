package org.dozvon.dialing;

/** How the dialer picks a connector for the next call (manual 4.1, "selection type"). */
public enum ConnectorSelection {
    /** The first connector by position until its capacity is used up, then the next. */
    FROM_START,
    /** The same from the last connector. */
    FROM_END,
    /** Calls spread evenly over the connectors, one after another. */
    ROUND_ROBIN
}
