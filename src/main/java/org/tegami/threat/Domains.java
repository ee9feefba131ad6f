package org.tegami.threat;

import com.google.common.net.InternetDomainName;
import java.net.IDN;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Domain helpers: registrable (organizational) domain, IDN decoding, free-mail providers. */
final class Domains {

    private Domains() {}

    /**
     * Free-mail providers by their distinctive first label, so test domains such as
     * "gmail.test" are recognised the same way as "gmail.com".
     */
    private static final Set<String> FREEMAIL_LABELS = Set.of(
            "gmail", "googlemail", "yahoo", "ymail", "outlook", "hotmail", "icloud", "aol", "protonmail",
            "proton", "gmx", "yandex", "tutanota", "tutamail", "mailfence", "hushmail", "naver", "docomo",
            "ezweb", "rocketmail");

    private static final Set<String> FREEMAIL_DOMAINS = Set.of(
            "live.com", "msn.com", "mail.com", "email.com", "inbox.com", "web.de", "fastmail.com", "zoho.com", "me.com", "mac.com", "qq.com", "163.com", "126.com", "mail.ru", "libero.it",
            "orange.fr", "free.fr", "i.softbank.jp", "softbank.ne.jp", "au.com", "excite.co.jp", "nifty.com",
            "biglobe.ne.jp", "so-net.ne.jp", "ocn.ne.jp", "live.jp", "pm.me", "t-online.de", "comcast.net");

    /** Click-tracking and delivery domains of bulk-mail providers: links through them are routine. */
    private static final Set<String> CLICK_TRACKERS = Set.of(
            "sendgrid.net", "list-manage.com", "mailchimp.com", "mcsv.net", "mcdlv.net", "rsgsv.net", "mandrillapp.com", "hubspotlinks.com",
            "hubspotemail.net", "exacttarget.com", "exct.net", "sailthru.com", "mailgun.org", "mailgun.net", "rs6.net",
            "createsend.com", "createsend1.com", "cmail19.com", "cmail20.com", "klaviyomail.com", "klclick.com",
            "sparkpostmail.com", "amazonses.com", "awstrack.me", "mktoweb.com", "mkt.com", "pardot.com",
            "constantcontact.com", "campaign-archive.com", "mailjet.com", "sendinblue.com", "brevo.com",
            "postmarkapp.com", "pstmrk.it", "eloqua.com", "customeriomail.com", "intercom-mail.com", "substack.com",
            "cuenote.jp", "blastmail.jp", "benchmarkemail.com", "acemlna.com", "mailerlite.com", "salesforce.com");

    /**
     * Hosts where anyone can publish a page or a form in minutes, and link shorteners that hide
     * where a link goes: real sign-in pages never live there, credential phishing often does.
     */
    private static final java.util.List<String> FREE_HOSTING = java.util.List.of(
            "forms.gle", "sites.google.com", "forms.office.com", "forms.microsoft.com", "firebaseapp.com", "web.app", "appspot.com",
            "pages.dev", "workers.dev", "r2.dev", "netlify.app", "vercel.app", "herokuapp.com", "glitch.me", "github.io", "gitlab.io",
            "wixsite.com", "weebly.com", "webflow.io", "godaddysites.com", "square.site", "000webhostapp.com", "blogspot.com",
            "notion.site", "typeform.com", "jotform.com", "ipfs.io", "dweb.link", "cloudflare-ipfs.com", "ngrok.io", "ngrok-free.app",
            "trycloudflare.com", "blob.core.windows.net", "web.core.windows.net", "storage.googleapis.com", "s3.amazonaws.com",
            "azurewebsites.net", "replit.app", "repl.co", "surge.sh", "bit.ly", "tinyurl.com", "ow.ly", "is.gd", "cutt.ly", "t.co",
            "rebrand.ly", "shorturl.at", "rb.gy", "t.ly");

    /** True for a free page/form host or a link shortener ({@link #FREE_HOSTING}), or a Google Docs form. */
    static boolean isFreeHosting(String host, String href) {
        if (host == null) {
            return false;
        }
        for (String h : FREE_HOSTING) {
            if (host.equals(h) || host.endsWith("." + h)) {
                return true;
            }
        }
        return host.equals("docs.google.com") && href != null && href.toLowerCase(Locale.ROOT).contains("/forms/");
    }

    /** Lower-case, trailing dot removed, punycode labels kept as they are. */
    static String normalize(String domain) {
        if (domain == null) {
            return "";
        }
        String d = domain.strip().toLowerCase(Locale.ROOT);
        while (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        if (d.startsWith("[") || d.length() > 253) {
            return d; // address literal or absurd: leave alone
        }
        return d;
    }

    /** The Unicode form of a domain (xn-- labels decoded); the input on failure. */
    static String unicode(String domain) {
        String d = normalize(domain);
        if (!d.contains("xn--")) {
            return d;
        }
        try {
            return IDN.toUnicode(d, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (RuntimeException e) {
            return d;
        }
    }

    /** The ASCII (punycode) form; the input on failure. */
    static String ascii(String domain) {
        String d = normalize(domain);
        if (isAscii(d)) {
            return d; // IDN.toASCII would return it unchanged (or fail and return it): skip the work
        }
        try {
            return IDN.toASCII(d, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (RuntimeException e) {
            return d;
        }
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static final Map<String, String> REGISTRABLE_CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The registrable domain ("mail.corp.example.co.jp" -> "example.co.jp") per the public
     * suffix list; for names under no public suffix (".test", ".example", ".local") the last two
     * labels. Works on the ASCII form so IDNs compare consistently.
     */
    static String registrable(String domain) {
        String d = ascii(domain);
        if (d.isEmpty()) {
            return d;
        }
        if (REGISTRABLE_CACHE.size() < 10_000) {
            return REGISTRABLE_CACHE.computeIfAbsent(d, Domains::computeRegistrable);
        }
        return computeRegistrable(d);
    }

    private static String computeRegistrable(String d) {
        try {
            InternetDomainName n = InternetDomainName.from(d);
            if (n.isUnderPublicSuffix()) {
                return n.topPrivateDomain().toString();
            }
            if (n.isPublicSuffix()) {
                return d;
            }
        } catch (RuntimeException e) {
            // not a valid host name: fall through to the label heuristic
        }
        String[] labels = d.split("\\.");
        if (labels.length <= 2) {
            return d;
        }
        return labels[labels.length - 2] + "." + labels[labels.length - 1];
    }

    /** The registrable domain without its public suffix ("example.co.jp" -> "example"). */
    static String label(String domain) {
        String r = registrable(domain);
        int dot = r.indexOf('.');
        return dot < 0 ? r : r.substring(0, dot);
    }

    /** The public suffix part of the registrable domain ("example.co.jp" -> "co.jp"). */
    static String suffix(String domain) {
        String r = registrable(domain);
        int dot = r.indexOf('.');
        return dot < 0 ? "" : r.substring(dot + 1);
    }

    static boolean sameOrganization(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return registrable(a).equals(registrable(b));
    }

    /** True if domain equals one of the given domains or is a subdomain of one. */
    static boolean within(String domain, Set<String> domains) {
        String d = ascii(domain);
        for (String s : domains) {
            String x = ascii(s);
            if (d.equals(x) || d.endsWith("." + x)) {
                return true;
            }
        }
        return false;
    }

    static boolean isFreemail(String domain) {
        String r = registrable(domain);
        if (FREEMAIL_DOMAINS.contains(r)) {
            return true;
        }
        return FREEMAIL_LABELS.contains(label(domain));
    }

    static boolean isClickTracker(String host) {
        return host != null && CLICK_TRACKERS.contains(registrable(host));
    }

    /** The domain of "local@domain", or null. */
    static String domainOf(String address) {
        if (address == null) {
            return null;
        }
        int at = address.lastIndexOf('@');
        return at < 0 || at == address.length() - 1 ? null : normalize(address.substring(at + 1));
    }

    static String localPart(String address) {
        if (address == null) {
            return "";
        }
        int at = address.lastIndexOf('@');
        return (at < 0 ? address : address.substring(0, at)).toLowerCase(Locale.ROOT);
    }

    /** True for a host that is a literal IPv4 or IPv6 address. */
    static boolean isIpLiteral(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        if (host.startsWith("[") || host.indexOf(':') >= 0) {
            return true;
        }
        int dots = 0;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c == '.') {
                dots++;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return dots == 3;
    }
}
