# Runs the vendored ExifTool (its path is the first argument, the rest are ExifTool's) inside
# this perl process, beside a small watcher process that ends it once the process that started
# it is gone.
#
# Why: in `-stay_open` mode ExifTool keeps polling its argument stream after the stream ends, so
# a service killed with SIGKILL (a crash, an OOM kill, `kill -9`) left one perl per check thread
# running for good: three such were still alive an hour after a test run here. The watcher is a
# separate process, not a timer signal here: a signal interrupts ExifTool's read of its stream,
# which then writes a warning that exiftool-vendored takes for a failed process.
use strict;
use warnings;

my $service = getppid();
my $exiftool = $$;
my $watcher = fork();
if (defined $watcher && $watcher == 0) {
    open STDIN, '<', '/dev/null';
    open STDOUT, '>', '/dev/null';
    open STDERR, '>', '/dev/null';
    while (1) {
        sleep 1;
        exit 0 if getppid() != $exiftool;    # ExifTool ended: nothing to watch
        if (!kill 0, $service) {             # the service is gone: end ExifTool
            kill 'TERM', $exiftool;
            exit 0;
        }
    }
}

# ExifTool finds its lib/ from $0.
$0 = shift @ARGV;
my $ok = do $0;
die $@ if $@;
die "cannot run $0: $!" if !defined $ok && $!;
