using System.CommandLine;
using System.Text.Json;

namespace TurbineConsole.Cli.Api;

/// <summary><c>incidents list|ack|resolve|comment</c> and <c>dead-letters list</c>.</summary>
internal static class IncidentCommands
{
    private static readonly (string, string)[] s_columns =
    [
        ("location", "location"), ("id", "id"), ("severity", "severity"), ("state", "state"), ("turbine", "turbine"), ("max_speed_mph", "maxSpeedMph"), ("max_score", "maxScore"),
        ("first_seen", "firstSeen"), ("last_seen", "lastSeen"), ("acknowledged_by", "acknowledgedBy"), ("resolved_by", "resolvedBy"),
    ];

    public static Command Create() => new("incidents", "Alert incidents: list, acknowledge, comment and resolve.")
    {
        Subcommands =
        {
            new List(), new Act("ack", "acknowledge", "Acknowledges an open incident (Operator)."), new Act("resolve", "resolve", "Resolves an incident (Operator)."),
            new Comment(),
        },
    };

    public static Command DeadLetters() => new("dead-letters", "Records the pipeline could not read.") { Subcommands = { new DeadLetterList() } };

    private sealed class List : ApiCommand
    {
        private readonly Option<int?> _limit = new("--limit") { Description = "Most incidents, newest first (default 50).", HelpName = "N" };

        public List()
            : base("list", "Incidents, newest first.") => Options.Add(_limit);

        protected override IReadOnlyList<(string Header, string Property)> Columns => s_columns;

        protected override Task<JsonElement> CallAsync(ApiConnection api, ParseResult parsed, CancellationToken cancellationToken) =>
            api.GetAsync("/incidents" + Query(("limit", parsed.GetValue(_limit)?.ToString(System.Globalization.CultureInfo.InvariantCulture))), cancellationToken);
    }

    private sealed class Act : ApiCommand
    {
        private readonly string _action;
        private readonly Argument<string> _location = new("location") { Description = "The incident's location." };
        private readonly Argument<string> _id = new("id") { Description = "The incident's id (from incidents list)." };
        private readonly Option<string?> _comment = new("--comment") { Description = "A comment kept with it (at most 500 characters).", HelpName = "TEXT" };

        public Act(string name, string action, string description)
            : base(name, description)
        {
            _action = action;
            Arguments.Add(_location);
            Arguments.Add(_id);
            Options.Add(_comment);
        }

        protected override IReadOnlyList<(string Header, string Property)> Columns => s_columns;

        protected override Task<JsonElement> CallAsync(ApiConnection api, ParseResult parsed, CancellationToken cancellationToken) =>
            api.PostAsync($"/incidents/{Segment(parsed.GetRequiredValue(_location))}/{Segment(parsed.GetRequiredValue(_id))}/{_action}",
                new { comment = parsed.GetValue(_comment) }, cancellationToken);
    }

    private sealed class Comment : ApiCommand
    {
        private readonly Argument<string> _location = new("location") { Description = "The incident's location." };
        private readonly Argument<string> _id = new("id") { Description = "The incident's id (from incidents list)." };
        private readonly Argument<string> _text = new("text") { Description = "The comment: one line, at most 500 characters." };

        public Comment()
            : base("comment", "Adds a comment to an incident's timeline (Operator).")
        {
            Arguments.Add(_location);
            Arguments.Add(_id);
            Arguments.Add(_text);
        }

        protected override IReadOnlyList<(string Header, string Property)> Columns => s_columns;

        protected override Task<JsonElement> CallAsync(ApiConnection api, ParseResult parsed, CancellationToken cancellationToken) =>
            api.PostAsync($"/incidents/{Segment(parsed.GetRequiredValue(_location))}/{Segment(parsed.GetRequiredValue(_id))}/comments",
                new { comment = parsed.GetRequiredValue(_text) }, cancellationToken);
    }

    private sealed class DeadLetterList : ApiCommand
    {
        private readonly Option<string?> _consumer = new("--consumer") { Description = "Only this consumer's (for example AnomalyDetection).", HelpName = "NAME" };
        private readonly Option<int?> _limit = new("--limit") { Description = "Most dead letters, newest first (default 100).", HelpName = "N" };

        public DeadLetterList()
            : base("list", "Dead letters, newest first.")
        {
            Options.Add(_consumer);
            Options.Add(_limit);
        }

        protected override IReadOnlyList<(string Header, string Property)> Columns =>
            [("failed_at", "failedAt"), ("consumer", "consumer"), ("stream", "streamName"), ("shard", "shardId"), ("sequence_number", "sequenceNumber"), ("reason", "reason")];

        protected override Task<JsonElement> CallAsync(ApiConnection api, ParseResult parsed, CancellationToken cancellationToken) =>
            api.GetAsync("/dead-letters" + Query(("consumer", parsed.GetValue(_consumer)), ("limit", parsed.GetValue(_limit)?.ToString(System.Globalization.CultureInfo.InvariantCulture))),
                cancellationToken);
    }
}
