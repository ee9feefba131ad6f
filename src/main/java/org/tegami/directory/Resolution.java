package org.tegami.directory;

import java.util.List;
import org.tegami.smtp.MailAddress;
import org.tegami.store.Account;

/** Where mail for one recipient address goes. */
public sealed interface Resolution {

    /** The domain is ours: deliver to these accounts (deduplicated) and forward to these addresses. */
    record Local(List<Account> accounts, List<MailAddress> forwards) implements Resolution {
        public Local {
            accounts = List.copyOf(accounts);
            forwards = List.copyOf(forwards);
        }
    }

    /** The domain is ours but nobody receives this address (550 5.1.1). */
    record UnknownUser() implements Resolution {}

    /** The domain is not ours (relaying rules decide). */
    record Remote() implements Resolution {}
}
