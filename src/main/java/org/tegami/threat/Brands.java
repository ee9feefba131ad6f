package org.tegami.threat;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Widely impersonated services: the names people recognise in a display name and the domain
 * labels the real service sends from. Used for brand impersonation ("PayPal" from an unrelated
 * domain) and as lookalike targets. Domain labels are compared without the public suffix, so
 * "amazon.co.jp" and "amazon.de" both belong to Amazon.
 */
final class Brands {

    /**
     * @param name the brand as written in explanations
     * @param nameKeys lower-case words or phrases that name it in a display name; CJK keys match
     *     as substrings, Latin ones as whole words
     * @param labels registrable-domain labels the brand really sends from
     * @param primary the domains attackers imitate
     */
    record Brand(String name, List<String> nameKeys, Set<String> labels, List<String> primary) {}

    static final List<Brand> ALL = List.of(
            b("PayPal", "paypal", "paypal,paypal-communication,paypalobjects,paypal-corp", "paypal.com"),
            b("Microsoft", "microsoft|office 365|office365|microsoft 365|microsoft outlook|outlook team|onedrive|sharepoint|microsoft teams|azure",
                    "microsoft,office,office365,outlook,live,microsoftonline,sharepoint,onmicrosoft,msft,azure,skype,"
                            + "windows,hotmail,sharepointonline,microsoftstore,mail.microsoft",
                    "microsoft.com,office.com,microsoftonline.com,outlook.com,live.com"),
            b("Apple", "apple|icloud|itunes|app store", "apple,icloud,me,mac,itunes", "apple.com,icloud.com"),
            b("Google", "google|gmail|google workspace", "google,gmail,googlemail,youtube,gstatic,googleusercontent",
                    "google.com,gmail.com"),
            b("Amazon", "amazon|amazon.co.jp|amazon.com|aws|アマゾン",
                    "amazon,amazonses,amazonaws,aws,primevideo,amazon-adsystem,awstrack", "amazon.com,amazon.co.jp"),
            b("Netflix", "netflix", "netflix", "netflix.com"),
            b("DocuSign", "docusign", "docusign", "docusign.com,docusign.net"),
            b("Dropbox", "dropbox", "dropbox,dropboxmail", "dropbox.com"),
            b("DHL", "dhl", "dhl", "dhl.com"),
            b("FedEx", "fedex", "fedex", "fedex.com"),
            b("UPS", "ups", "ups", "ups.com"),
            b("LinkedIn", "linkedin", "linkedin", "linkedin.com"),
            b("Facebook", "facebook|instagram", "facebook,facebookmail,instagram,meta", "facebook.com,instagram.com"),
            b("Adobe", "adobe|adobe sign|acrobat", "adobe,adobesign,echosign", "adobe.com"),
            b("Zoom", "zoom", "zoom,zoomgov", "zoom.us"),
            b("Slack", "slack", "slack,slack-edge", "slack.com"),
            b("GitHub", "github", "github,githubusercontent", "github.com"),
            b("Wells Fargo", "wells fargo|wellsfargo", "wellsfargo,wf", "wellsfargo.com"),
            b("Bank of America", "bank of america|bankofamerica", "bankofamerica,bofa", "bankofamerica.com"),
            b("Coinbase", "coinbase", "coinbase", "coinbase.com"),
            b("Chase", "chase bank|jpmorgan chase|chase online", "chase,jpmorgan,jpmorganchase", "chase.com"),
            b("Citibank", "citibank|citi bank", "citi,citibank,citibankonline", "citi.com,citibank.com"),
            b("HSBC", "hsbc", "hsbc", "hsbc.com"),
            b("Rakuten", "rakuten|楽天", "rakuten,rakuten-card,rakuten-bank", "rakuten.co.jp,rakuten-card.co.jp"),
            b("SMBC", "smbc|三井住友", "smbc,smbc-card,smbc-fs", "smbc.co.jp,smbc-card.com"),
            b("MUFG", "mufg|三菱ufj", "mufg", "mufg.jp"),
            b("Mizuho", "mizuho|みずほ", "mizuho,mizuhobank,mizuho-fg", "mizuhobank.co.jp"),
            b("Japan Post", "japan post|日本郵便|ゆうちょ|郵便局", "japanpost,jp-bank,post", "japanpost.jp"),
            b("Yamato Transport", "ヤマト運輸|クロネコ|yamato transport", "kuronekoyamato,yamato-hd", "kuronekoyamato.co.jp"),
            b("Sagawa", "佐川急便|sagawa", "sagawa-exp", "sagawa-exp.co.jp"),
            b("Mercari", "mercari|メルカリ", "mercari", "mercari.com"),
            b("JCB", "jcb", "jcb,jcb-global", "jcb.co.jp"),
            b("AEON", "aeon|イオン", "aeon,aeonbank", "aeon.co.jp"),
            b("National Tax Agency", "国税庁|e-tax|etax", "nta,e-tax", "nta.go.jp"));

    private Brands() {}

    private static Brand b(String name, String keys, String labels, String primary) {
        return new Brand(name, List.of(keys.split("\\|")), new LinkedHashSet<>(List.of(labels.split(","))),
                List.of(primary.split(",")));
    }

    /** The brand a display name claims, or null. */
    static Brand claimedBy(String displayName) {
        if (displayName == null || displayName.isBlank()) {
            return null;
        }
        String n = Normalizer.normalize(displayName, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        String spaced = " " + n.replaceAll("[^\\p{L}\\p{N}.]+", " ").strip() + " ";
        for (Brand b : ALL) {
            for (String k : b.nameKeys()) {
                boolean cjk = k.codePoints().anyMatch(c -> c > 0x2e80);
                if (cjk ? n.contains(k) : spaced.contains(" " + k + " ")) {
                    return b;
                }
            }
        }
        return null;
    }

    /** True if the domain belongs to the brand (by registrable label, any suffix). */
    static boolean owns(Brand b, String domain) {
        if (domain == null) {
            return false;
        }
        String label = Domains.label(domain);
        if (b.labels().contains(label)) {
            return true;
        }
        for (String p : b.primary()) {
            if (Domains.registrable(domain).equals(p)) {
                return true;
            }
        }
        return false;
    }

    /** The primary domains of all brands, as lookalike targets. */
    static List<String> primaryDomains() {
        List<String> out = new ArrayList<>();
        for (Brand b : ALL) {
            out.addAll(b.primary());
        }
        return out;
    }

    /** The brand owning a domain, or null. */
    static Brand owner(String domain) {
        for (Brand b : ALL) {
            if (owns(b, domain)) {
                return b;
            }
        }
        return null;
    }
}
