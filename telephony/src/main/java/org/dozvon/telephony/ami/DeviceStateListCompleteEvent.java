package org.dozvon.telephony.ami;

import org.asteriskjava.manager.event.ResponseEvent;

/**
 * {@code Event: DeviceStateListComplete} (EventList: Complete, ListItems: n), the end of the answer to
 * {@link DeviceStateListAction}. Public with a public constructor because Asterisk-Java builds it by reflection.
 */
public class DeviceStateListCompleteEvent extends ResponseEvent {

    private static final long serialVersionUID = 1L;

    private String eventList;
    private Integer listItems;

    public DeviceStateListCompleteEvent(Object source) {
        super(source);
    }

    public String getEventList() {
        return eventList;
    }

    public void setEventList(String eventList) {
        this.eventList = eventList;
    }

    public Integer getListItems() {
        return listItems;
    }

    public void setListItems(Integer listItems) {
        this.listItems = listItems;
    }
}
