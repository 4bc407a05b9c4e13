package io.imprint.station.cli;

import io.imprint.ca.cli.DataDirs;
import io.imprint.station.label.LabelException;
import io.imprint.station.label.LabelPrinting;
import io.imprint.station.label.LabelSettings;
import io.imprint.station.label.LabelSize;
import io.imprint.station.label.LabelTemplate;
import io.imprint.station.label.Labels;
import io.imprint.station.run.StationSetup;
import io.imprint.station.store.StationDatabase;
import io.imprint.station.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code imprint label set|off|show|sheet|print}: a batch's labels. Changing the settings is audited and
 * needs the station's key; showing, sheets and reprints read the batch log only. Exit 0 done, 3 refused
 * (no such batch or device, bad template or printer), 1 failed (printer not answering), 2 usage.
 *
 * <p>Not thread-safe: picocli makes one instance per command line.
 */
@Command(name = "label", mixinStandardHelpOptions = true, description = "Labels for passed boards: QR code and text, ZPL to a Zebra printer or files, PDF sheets.",
        subcommands = {LabelCommand.Set.class, LabelCommand.Off.class, LabelCommand.Show.class, LabelCommand.Sheet.class, LabelCommand.Print.class})
final class LabelCommand {

    /** The batch log of a data directory, without the HSM; refused if there is none. */
    static StationDatabase batchLog(Path dataDir) throws StoreException {
        Path base = dataDir.resolve("station");
        if (!Files.isRegularFile(base.resolveSibling("station.mv.db"))) {
            throw new StoreException("no batch log at " + base.resolveSibling("station.mv.db") + " (wrong --data-dir?)");
        }
        return StationDatabase.open(base);
    }

    static String describe(LabelSettings s) {
        return "labels of batch " + s.batchId() + ": " + (s.enabled() ? "on" : "off") + ", printer " + s.printer().target() + ", "
                + s.size().widthMm() + "x" + s.size().heightMm() + " mm at " + s.size().dpi() + " dpi, QR '" + s.template().qr() + "', lines "
                + s.template().lines().stream().map(l -> "'" + l + "'").toList();
    }

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Print a label for every board of the batch that passes, on this printer.")
    static final class Set implements Callable<Integer> {
        @Mixin StationOptions options;
        @Spec CommandSpec spec;
        @Option(names = "--batch", required = true, paramLabel = "WORK-ORDER") String batch;
        @Option(names = "--printer", required = true, paramLabel = "tcp://HOST[:PORT]|file:DIR", description = "A Zebra printer (port 9100 by default) or a directory of .zpl files") String printer;
        @Option(names = "--template", paramLabel = "TEXT", description = "The QR code's text, with {deviceId} {sha256} {sha256short} {workOrder} {serial} {product} (default: as before, else "
                + "imprint:device={deviceId};wo={workOrder};sha256={sha256})") String template;
        @Option(names = "--line", paramLabel = "TEXT", description = "A text line under the QR code, same placeholders (repeatable, at most 4; default: as before)") List<String> lines;
        @Option(names = "--size", paramLabel = "WxH", description = "Label size in mm (default: as before, else 50x30)") String size;
        @Option(names = "--dpi", description = "Printer resolution: 152, 203, 300 or 600 (default: as before, else 203)") Integer dpi;

        @Override
        public Integer call() throws Exception {
            try (StationSetup st = options.open(spec.commandLine().getErr())) {
                Labels labels = new Labels(st.station().db(), st.station().audit(), Clock.systemUTC());
                Optional<LabelSettings> before = labels.settings(batch);
                LabelTemplate was = before.map(LabelSettings::template).orElse(LabelTemplate.DEFAULT);
                Optional<LabelTemplate> t = template == null && lines == null ? Optional.empty()
                        : Optional.of(LabelTemplate.of(template != null ? template : was.qr(), lines != null ? lines : was.lines()));
                LabelSize sizeWas = before.map(LabelSettings::size).orElse(LabelSize.DEFAULT);
                Optional<LabelSize> s = size == null && dpi == null ? Optional.empty()
                        : Optional.of(LabelSize.parse(size != null ? size : sizeWas.widthMm() + "x" + sizeWas.heightMm(), dpi != null ? dpi : sizeWas.dpi()));
                LabelSettings after = labels.set(batch, printer, t, s, options.user);
                spec.commandLine().getOut().println(describe(after));
            }
            return 0;
        }
    }

    @Command(name = "off", mixinStandardHelpOptions = true, description = "Print no more labels for the batch (the settings are kept for 'label set').")
    static final class Off implements Callable<Integer> {
        @Mixin StationOptions options;
        @Spec CommandSpec spec;
        @Option(names = "--batch", required = true, paramLabel = "WORK-ORDER") String batch;

        @Override
        public Integer call() throws Exception {
            try (StationSetup st = options.open(spec.commandLine().getErr())) {
                boolean changed = new Labels(st.station().db(), st.station().audit(), Clock.systemUTC()).off(batch, options.user);
                spec.commandLine().getOut().println("labels of batch " + batch + (changed ? " are off" : " were off already"));
            }
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show the batch's label settings.")
    static final class Show implements Callable<Integer> {
        @Option(names = "--batch", required = true, paramLabel = "WORK-ORDER") String batch;
        @Option(names = "--data-dir", paramLabel = "DIR", description = "Station data (default ${DEFAULT-VALUE})") Path dataDir = DataDirs.home();
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try (StationDatabase db = batchLog(dataDir)) {
                Optional<LabelSettings> s = new LabelPrinting(db).settings(batch);
                spec.commandLine().getOut().println(s.map(LabelCommand::describe).orElse("batch " + batch + " prints no labels"));
            }
            return 0;
        }
    }

    @Command(name = "sheet", mixinStandardHelpOptions = true, description = "Write a PDF sheet of the labels of every provisioned board of the batch.")
    static final class Sheet implements Callable<Integer> {
        @Option(names = "--batch", required = true, paramLabel = "WORK-ORDER") String batch;
        @Option(names = "--out", required = true, paramLabel = "FILE.pdf") Path out;
        @Option(names = "--data-dir", paramLabel = "DIR", description = "Station data (default ${DEFAULT-VALUE})") Path dataDir = DataDirs.home();
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try (StationDatabase db = batchLog(dataDir)) {
                long n = new LabelPrinting(db).sheet(batch, out);
                spec.commandLine().getOut().printf("label sheet of batch %s: %d label(s) written to %s%n", batch, n, out.toAbsolutePath());
            }
            return 0;
        }
    }

    @Command(name = "print", mixinStandardHelpOptions = true, description = "Print one provisioned board's label again, on the batch's printer.")
    static final class Print implements Callable<Integer> {
        @Option(names = "--batch", required = true, paramLabel = "WORK-ORDER") String batch;
        @Option(names = "--device", required = true, paramLabel = "DEVICE-ID") String device;
        @Option(names = "--data-dir", paramLabel = "DIR", description = "Station data (default ${DEFAULT-VALUE})") Path dataDir = DataDirs.home();
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try (StationDatabase db = batchLog(dataDir)) {
                var printed = new LabelPrinting(db).reprint(batch, device);
                spec.commandLine().getOut().println("label for " + device + " sent to " + printed.printer().target());
            }
            return 0;
        }
    }

    private LabelCommand() {
    }

    /** A printer failure as one line: what is wrong and what to check. */
    static String message(LabelException e) {
        return e.getMessage() + e.advice().map(a -> " — " + a).orElse("");
    }
}
