package io.imprint.station.cli;

import io.imprint.station.run.StationSetup;
import io.imprint.station.store.DeviceRecords;
import io.imprint.station.store.Transactions;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code imprint devices --batch B}: the batch's devices as the batch log has them. */
@Command(name = "devices", mixinStandardHelpOptions = true, description = "List the devices of a batch: status, certificate serial, when.")
final class DevicesCommand implements Callable<Integer> {

    @Mixin
    StationOptions options;

    @Spec
    CommandSpec spec;

    @Option(names = "--batch", required = true)
    String batch;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (StationSetup st = options.open(spec.commandLine().getErr())) {
            var devices = Transactions.inTransaction(st.station().db(), tx -> new DeviceRecords().inBatch(tx, batch));
            out.printf("%-24s %-13s %-34s %s%n", "DEVICE", "STATUS", "CERTIFICATE SERIAL", "PROVISIONED AT");
            for (var d : devices) {
                out.printf("%-24s %-13s %-34s %s%n", d.deviceId(), d.status(), d.certificateSerial() == null ? "-" : d.certificateSerial(),
                        d.provisionedAt() == null ? "-" : d.provisionedAt());
            }
            out.printf("%d device(s)%n", devices.size());
        }
        return 0;
    }
}
