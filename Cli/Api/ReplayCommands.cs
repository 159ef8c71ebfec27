using System.CommandLine;
using System.Text.Json;

namespace TurbineConsole.Cli.Api;

/// <summary><c>replays list|import|start|pause|resume|stop</c>: recorded data replayed through the API.</summary>
internal static class ReplayCommands
{
    private static readonly (string, string)[] s_columns =
    [
        ("id", "id"), ("name", "name"), ("readings", "readings"), ("first", "first"), ("last", "last"), ("status", "replay.status"),
        ("pace", "replay.pace"), ("sent", "replay.sent"), ("percent", "replay.percent"), ("error", "replay.error"),
    ];

    public static Command Create() => new("replays", "Recorded data: import a CSV export, then replay it at its pace, faster, or as a backfill.")
    {
        Subcommands =
        {
            new List(), new Import(), new Start(),
            new Control("pause", "Pauses a running replay (Operator)."), new Control("resume", "Resumes a paused replay (Operator)."), new Control("stop", "Stops a replay (Operator)."),
        },
    };

    private sealed class List() : ApiCommand("list", "Imported recordings and their replays.")
    {
        protected override IReadOnlyList<(string Header, string Property)> Columns => s_columns;

        protected override Task<JsonElement> CallAsync(ApiConnection api, ParseResult parsed, CancellationToken cancellationToken) => api.GetAsync("/replays", cancellationToken);
    }

    private sealed class Import : ApiCommand
    {
        private readonly Argument<string> _file = new("file") { Description = "The CSV: a header line, then a time, a turbine, optionally a location and the wind speed (mph) per line." };
        private readonly Option<string?> _time = new("--time-column") { Description = "The time's column (default: guessed from the header).", HelpName = "NAME" };
        private readonly Option<string?> _speed = new("--speed-column") { Description = "The wind speed's column (default: guessed).", HelpName = "NAME" };
        private readonly Option<string?> _turbineColumn = new("--turbine-column") { Description = "The turbine's column (default: guessed).", HelpName = "NAME" };
        private readonly Option<string?> _turbine = new("--turbine") { Description = "One turbine name for every line (a file without a turbine column).", HelpName = "NAME" };
        private readonly Option<string?> _locationColumn = new("--location-column") { Description = "The location's column (default: guessed).", HelpName = "NAME" };
        private readonly Option<string?> _location = new("--location") { Description = "One location name for every line (a file without a location column).", HelpName = "NAME" };

        public Import()
            : base("import", "Imports a recorded CSV whole (Operator); a file with a bad line is refused, naming each.")
        {
            Arguments.Add(_file);
            Options.Add(_time);
            Options.Add(_speed);
            Options.Add(_turbineColumn);
            Options.Add(_turbine);
            Options.Add(_locationColumn);
            Options.Add(_location);
        }

        protected override IReadOnlyList<(string Header, string Property)> Columns => s_columns;

        protected override Task<JsonElement> CallAsync(ApiConnection api, ParseResult parsed, CancellationToken cancellationToken) =>
            api.PostFileAsync("/replays", parsed.GetRequiredValue(_file),
            [
                ("timeColumn", parsed.GetValue(_time)), ("speedColumn", parsed.GetValue(_speed)), ("turbineColumn", parsed.GetValue(_turbineColumn)),
                ("turbine", parsed.GetValue(_turbine)), ("locationColumn", parsed.GetValue(_locationColumn)), ("location", parsed.GetValue(_location)),
            ], cancellationToken);
    }

    private sealed class Start : ApiCommand
    {
        private readonly Argument<string> _id = new("id") { Description = "The recording's id (from replays list or import)." };
        private readonly Option<string> _pace = new("--pace")
        {
            Description = "Recorded (its own pace), Faster (see --speedup) or Backfill (as fast as the stream takes it).",
            HelpName = "PACE",
            DefaultValueFactory = _ => "Recorded",
        };
        private readonly Option<double?> _speedup = new("--speedup") { Description = "Times faster than recorded, with --pace Faster (default 10).", HelpName = "N" };
        private readonly Option<bool> _keepTimes = new("--keep-times") { Description = "Keep the recorded times (default: shift them to now)." };

        public Start()
            : base("start", "Replays a recording into the pipeline's input stream (Operator).")
        {
            Arguments.Add(_id);
            Options.Add(_pace);
            Options.Add(_speedup);
            Options.Add(_keepTimes);
            _pace.AcceptOnlyFromAmong("Recorded", "Faster", "Backfill");
        }

        protected override IReadOnlyList<(string Header, string Property)> Columns => s_columns;

        protected override Task<JsonElement> CallAsync(ApiConnection api, ParseResult parsed, CancellationToken cancellationToken) =>
            api.PostAsync($"/replays/{Segment(parsed.GetRequiredValue(_id))}/start", new
            {
                pace = parsed.GetValue(_pace),
                speedup = parsed.GetValue(_speedup),
                shiftToNow = !parsed.GetValue(_keepTimes),
            }, cancellationToken);
    }

    private sealed class Control : ApiCommand
    {
        private readonly Argument<string> _id = new("id") { Description = "The recording's id." };

        public Control(string name, string description)
            : base(name, description) => Arguments.Add(_id);

        protected override IReadOnlyList<(string Header, string Property)> Columns => s_columns;

        protected override Task<JsonElement> CallAsync(ApiConnection api, ParseResult parsed, CancellationToken cancellationToken) =>
            api.PostAsync($"/replays/{Segment(parsed.GetRequiredValue(_id))}/{Name}", null, cancellationToken);
    }
}
