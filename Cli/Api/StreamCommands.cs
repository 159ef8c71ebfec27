using System.CommandLine;
using System.Text.Json;

namespace TurbineConsole.Cli.Api;

/// <summary><c>streams shards|reshard</c>: a stream's shards, and changing their number, through the API.</summary>
internal static class StreamCommands
{
    public static Command Create() => new("streams", "The pipeline's streams: list a stream's shards, change their number.")
    {
        Subcommands = { new Shards(), new Reshard() },
    };

    private sealed class Shards : ApiCommand
    {
        private readonly Argument<string> _stream = new("stream") { Description = "The stream, for example WindDataStream." };

        public Shards()
            : base("shards", "A stream's shards, open and closed, with their hash-key ranges and the shards they came from.") => Arguments.Add(_stream);

        protected override IReadOnlyList<(string Header, string Property)> Columns =>
        [
            ("shard", "shardId"), ("open", "open"), ("parent", "parentShardId"), ("adjacent_parent", "adjacentParentShardId"),
            ("starting_hash_key", "startingHashKey"), ("ending_hash_key", "endingHashKey"),
        ];

        protected override Task<JsonElement> CallAsync(ApiConnection api, ParseResult parsed, CancellationToken cancellationToken) =>
            api.GetAsync($"/streams/{Segment(parsed.GetRequiredValue(_stream))}/shards", cancellationToken);
    }

    private sealed class Reshard : ApiCommand
    {
        private readonly Argument<string> _stream = new("stream") { Description = "The stream, for example WindDataStream." };
        private readonly Option<int> _shards = new("--shards") { Description = "The open shards wanted: half to double the current count.", HelpName = "N", Required = true };

        public Reshard()
            : base("reshard", "Changes a stream's number of open shards (Administrator), as Kinesis's UpdateShardCount does; the pipeline goes on meanwhile.")
        {
            Arguments.Add(_stream);
            Options.Add(_shards);
        }

        protected override IReadOnlyList<(string Header, string Property)> Columns =>
            [("stream", "streamName"), ("shards_before", "currentShardCount"), ("shards_now", "targetShardCount")];

        protected override Task<JsonElement> CallAsync(ApiConnection api, ParseResult parsed, CancellationToken cancellationToken) =>
            api.PostAsync($"/streams/{Segment(parsed.GetRequiredValue(_stream))}/shard-count", new { targetShardCount = parsed.GetValue(_shards) }, cancellationToken);
    }
}
