package org.tegami.threat.corpus;

import java.util.List;
import java.util.Set;
import org.tegami.threat.AnalysisContext;
import org.tegami.threat.AuthSummary;
import org.tegami.threat.InMemoryCorrespondentHistory;
import org.tegami.threat.KnownPerson;

/**
 * The fixed organization the corpus is judged for: Northwind (northwind.com, northwind.co.jp),
 * its people and VIPs, and its correspondence history with partners.
 */
public final class CorpusContext {

    public static final Set<String> DOMAINS = Set.of("northwind.com", "northwind.co.jp");

    public static final List<KnownPerson> PEOPLE = List.of(
            KnownPerson.of("Akiko Tanaka", "akiko.tanaka@northwind.com"),
            KnownPerson.of("David Miller", "david.miller@northwind.com"),
            KnownPerson.of("Sarah Johnson", "sarah.johnson@northwind.com"),
            KnownPerson.of("Emily Chen", "emily.chen@northwind.com"),
            KnownPerson.of("Kenji Watanabe", "kenji.watanabe@northwind.co.jp"),
            KnownPerson.of("山田 太郎", "taro.yamada@northwind.co.jp"),
            KnownPerson.of("佐藤 花子", "hanako.sato@northwind.co.jp"),
            KnownPerson.of("Support", "support@northwind.com"),
            KnownPerson.of("IT Helpdesk", "it@northwind.com"));

    public static final List<KnownPerson> VIPS = List.of(
            KnownPerson.of("Akiko Tanaka", "akiko.tanaka@northwind.com", "akiko.tanaka.home@gmail.com"),
            KnownPerson.of("David Miller", "david.miller@northwind.com"),
            KnownPerson.of("山田 太郎", "taro.yamada@northwind.co.jp"));

    private CorpusContext() {}

    public static InMemoryCorrespondentHistory history() {
        return new InMemoryCorrespondentHistory()
                .received("accounts@contoso-supplies.com", 25).sent("accounts@contoso-supplies.com", 18)
                .received("sarah.johnson@contoso-supplies.com", 6).sent("sarah.johnson@contoso-supplies.com", 4)
                .received("support@contoso-supplies.com", 3)
                .received("keiri@fabrikam.co.jp", 30).sent("keiri@fabrikam.co.jp", 20)
                .received("suzuki@fabrikam.co.jp", 12).sent("suzuki@fabrikam.co.jp", 9)
                .received("dispatch@globex-logistics.com", 10).sent("dispatch@globex-logistics.com", 5)
                .received("ar@initech-software.com", 6).sent("ar@initech-software.com", 2)
                .received("bookings@tailspin-travel.com", 4).sent("bookings@tailspin-travel.com", 1)
                .received("news@example-retail.com", 40)
                .received("noreply@github.com", 20);
    }

    /** The context for one message: fixed organization, the message's own Authentication-Results. */
    public static AnalysisContext forMessage(List<String> authenticationResults) {
        return new AnalysisContext(AuthSummary.fromAuthenticationResults(authenticationResults), DOMAINS, PEOPLE, VIPS,
                history(), null);
    }
}
