package org.dozvon.web;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;

import org.dozvon.access.DozvonUser;
import org.dozvon.database.DatabaseInfo;
import org.dozvon.telephony.TelephonyProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page's layout shows: the navigation the user may use, where they are, the telephony banner, and the
 * banners of the {@link AttentionSource}s.
 */
@ControllerAdvice
class LayoutModel {

    private final TelephonyProperties telephony;
    private final DatabaseInfo database;
    private final ObjectProvider<AttentionSource> attentionSources;

    LayoutModel(TelephonyProperties telephony, DatabaseInfo database, ObjectProvider<AttentionSource> attentionSources) {
        this.telephony = telephony;
        this.database = database;
        this.attentionSources = attentionSources;
    }

    @ModelAttribute("navigation")
    List<Section> navigation(Authentication authentication) {
        if (authentication == null || !(authentication.getPrincipal() instanceof DozvonUser user)) {
            return List.of();
        }
        return Arrays.stream(Section.values()).filter(section -> user.has(section.permission())).toList();
    }

    @ModelAttribute("currentUser")
    DozvonUser currentUser(Authentication authentication) {
        return authentication != null && authentication.getPrincipal() instanceof DozvonUser user ? user : null;
    }

    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        return request.getRequestURI();
    }

    @ModelAttribute("telephonySimulated")
    boolean telephonySimulated() {
        return telephony.simulated();
    }

    @ModelAttribute("database")
    DatabaseInfo database() {
        return database;
    }

    /**
     * The attention banners, counted only when a template shows them (the layout, {@code /attention}; never for API
     * answers or other fragments), at most once per request.
     */
    @ModelAttribute("attention")
    Attention attention(Authentication authentication) {
        DozvonUser user = currentUser(authentication);
        return new Attention(() -> user == null || user.mustChangePassword() ? List.of() : attentionSources.orderedStream()
                .filter(source -> user.has(source.audience()))
                .map(source -> new Banner(source.messageKey(), source.count(), source.path()))
                .filter(banner -> banner.count() > 0)
                .toList());
    }

    /** The banners of one request, computed on first use. */
    static final class Attention {
        private final Supplier<List<Banner>> counting;
        private List<Banner> banners;

        Attention(Supplier<List<Banner>> counting) {
            this.counting = counting;
        }

        public List<Banner> banners() {
            if (banners == null) {
                banners = counting.get();
            }
            return banners;
        }
    }

    /** One source's banner: its text's key, its count, where it links. */
    record Banner(String messageKey, long count, String path) {
    }
}
