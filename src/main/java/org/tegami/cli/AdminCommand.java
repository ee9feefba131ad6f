package org.tegami.cli;

import java.util.concurrent.Callable;
import org.tegami.admin.Admin;
import org.tegami.config.TegamiConfig;
import org.tegami.store.sqlite.SqliteStore;
import picocli.CommandLine.Mixin;

/** Base of admin commands: opens the store of --data (a running server may have it open too). */
abstract class AdminCommand implements Callable<Integer> {

    @Mixin
    Common common;

    @Override
    public Integer call() throws Exception {
        TegamiConfig config = common.loadConfig();
        try (SqliteStore store = new SqliteStore(common.dataDir())) {
            return run(new Admin(store, config), store, config);
        }
    }

    abstract int run(Admin admin, SqliteStore store, TegamiConfig config) throws Exception;
}
