using System.CommandLine;
using System.Text.Json;

namespace TurbineConsole.Cli.Api;

/// <summary><c>datasets list|start|stop</c>: the simulator's datasets through the API.</summary>
internal static class DatasetCommands
{
    private static readonly (string, string)[] s_columns =
    [
        ("dataset", "dataset"), ("status", "run.status"), ("stream", "run.streamName"), ("readings_per_s", "run.readingsPerSecond"),
        ("stop_after", "run.stopAfter"), ("sent", "run.sent"), ("failed", "run.failed"), ("error", "run.error"),
    ];

    public static Command Create() => new("datasets", "The simulator's datasets (normal, anomaly, diy): list, start and stop runs.")
    {
        Subcommands = { new List(), new Start(), new Stop() },
    };

    private sealed class List() : ApiCommand("list", "Each dataset with its current or last run.")
    {
        protected override IReadOnlyList<(string Header, string Property)> Columns => s_columns;

        protected override Task<JsonElement> CallAsync(ApiConnection api, ParseResult parsed, CancellationToken cancellationToken) =>
            api.GetAsync("/datasets", cancellationToken);
    }

    private sealed class Start : ApiCommand
    {
        private readonly Argument<string> _dataset = new("dataset") { Description = "normal, anomaly or diy." };
        private readonly Option<double?> _rate = new("--rate") { Description = "Readings per second in all (default 10).", HelpName = "R" };
        private readonly Option<long?> _stopAfter = new("--stop-after") { Description = "Stop after this many readings (default: run until stopped).", HelpName = "N" };
        private readonly Option<int?> _locations = new("--locations") { Description = "Locations to simulate.", HelpName = "L" };
        private readonly Option<int?> _turbines = new("--turbines") { Description = "Turbines per location.", HelpName = "T" };
        private readonly Option<string?> _stream = new("--stream") { Description = "Stream to send to (default: the pipeline's input stream).", HelpName = "NAME" };

        private readonly Option<string[]> _faults = new("--fault")
        {
            Description = "A fault to script, repeatable: kind=stuck|drift|gust,location=L[,turbine=T],start=S,duration=S[,drift=MPH/MIN][,gust=MPH][,delay=S] "
                + "(seconds after the first reading; turbine for stuck and drift; drift, gust and delay have defaults).",
            HelpName = "FAULT",
        };

        private readonly Option<double?> _dailyAmplitude = new("--daily-amplitude") { Description = "Daily wind profile: mph above the mean at the windiest hour, below it 12 h later (0 to 20; default 0, off).", HelpName = "MPH" };
        private readonly Option<double?> _windiestHour = new("--windiest-hour") { Description = "Daily wind profile: the windiest hour of the day, UTC (0 to 24; default 15).", HelpName = "H" };

        public Start()
            : base("start", "Starts a dataset (Operator); its previous run stops.")
        {
            Arguments.Add(_dataset);
            Options.Add(_rate);
            Options.Add(_stopAfter);
            Options.Add(_locations);
            Options.Add(_turbines);
            Options.Add(_stream);
            Options.Add(_faults);
            Options.Add(_dailyAmplitude);
            Options.Add(_windiestHour);
            _faults.Validators.Add(result =>
            {
                var values = result.GetValueOrDefault<string[]>() ?? [];
                for (var i = 0; i < values.Length; i++)
                {
                    if (FaultArgument.Parse(values[i], out var error) is null)
                        result.AddError($"--fault {i + 1}: {error}");
                }
            });
        }

        protected override IReadOnlyList<(string Header, string Property)> Columns => s_columns;

        protected override Task<JsonElement> CallAsync(ApiConnection api, ParseResult parsed, CancellationToken cancellationToken) =>
            api.PostAsync($"/datasets/{Segment(parsed.GetRequiredValue(_dataset))}/start", new
            {
                readingsPerSecond = parsed.GetValue(_rate),
                stopAfter = parsed.GetValue(_stopAfter),
                locations = parsed.GetValue(_locations),
                turbinesPerLocation = parsed.GetValue(_turbines),
                streamName = parsed.GetValue(_stream),
                faults = (parsed.GetValue(_faults) ?? []).Select(f => FaultArgument.Parse(f, out _)).ToList(),
                dailyAmplitudeMph = parsed.GetValue(_dailyAmplitude),
                windiestHourUtc = parsed.GetValue(_windiestHour),
            }, cancellationToken);
    }

    private sealed class Stop : ApiCommand
    {
        private readonly Argument<string> _dataset = new("dataset") { Description = "normal, anomaly or diy." };

        public Stop()
            : base("stop", "Stops a dataset's run (Operator).") => Arguments.Add(_dataset);

        protected override IReadOnlyList<(string Header, string Property)> Columns => s_columns;

        protected override Task<JsonElement> CallAsync(ApiConnection api, ParseResult parsed, CancellationToken cancellationToken) =>
            api.PostAsync($"/datasets/{Segment(parsed.GetRequiredValue(_dataset))}/stop", null, cancellationToken);
    }
}
