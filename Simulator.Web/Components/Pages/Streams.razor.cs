using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Streams;
using TurbineConsole.Simulator.Web.Access;

namespace TurbineConsole.Simulator.Web.Components.Pages;

/// <summary>
/// The Kinesis console's data viewer over <see cref="IStreamClient"/>: stream, shard, starting position, records; and,
/// for administrators, the stream's shard count (UpdateShardCount), checked on the server and audited.
/// </summary>
public sealed partial class Streams
{
    private IReadOnlyList<string>? _streamNames;
    private IReadOnlyList<ShardDescription> _shards = [];
    private string? _stream;
    private string? _shard;
    private string? _shownShard;
    private ShardIteratorType _position = ShardIteratorType.TRIM_HORIZON;
    private string? _limitText = "25";

    /// <summary>The records per request of the last request, for "Next records".</summary>
    private int _limit = 25;
    private string? _sequenceNumber;
    private string? _timestamp;
    private string? _nextIterator;
    private long? _millisBehind;
    private IReadOnlyList<StreamRecord>? _records;
    private string? _error;
    private bool _busy;
    private bool _canAdminister;
    private string? _targetText;
    private string? _shardCountResult;

    [Inject] private IStreamClient Client { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;
    [Inject] private IOptions<PipelineOptions> Settings { get; set; } = null!;
    [Inject] private ActionGuard Guard { get; set; } = null!;

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        _timestamp = (Clock.GetUtcNow() - TimeSpan.FromMinutes(5)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        _canAdminister = await Guard.AllowsAsync(AccessPolicies.Administer);
        try
        {
            _streamNames = await Client.ListStreamsAsync();
            // The simulator's stream first (the pipeline's input stream), where the flow starts.
            var windData = Settings.Value.Streams.WindData;
            if (_streamNames.Count > 0)
                await OnStreamChangedAsync(_streamNames.Contains(windData) ? windData : _streamNames[0]);
        }
        catch (Exception e) when (e is StreamException or IOException or InvalidOperationException)
        {
            _error = $"Could not list the streams: {e.Message}. Check the Pipeline settings and that the backend is reachable, then reload.";
        }
    }

    private async Task OnStreamChangedAsync(string stream)
    {
        _stream = stream;
        _shard = null;
        _records = null;
        _nextIterator = null;
        _millisBehind = null;
        _error = null;
        try
        {
            _shards = await Client.ListShardsAsync(stream);
            _shard = (_shards.FirstOrDefault(s => s.IsOpen) ?? _shards.FirstOrDefault())?.ShardId;
        }
        catch (StreamException e)
        {
            _shards = [];
            _error = $"Could not list the shards of {stream}: {e.Message}";
        }
    }

    /// <summary>The stream's open shards.</summary>
    private int OpenShardCount => _shards.Count(s => s.IsOpen);

    /// <summary>The targets UpdateShardCount allows now, for the field's help.</summary>
    private string AllowedTargets
    {
        get
        {
            var (low, high) = KinesisRules.AllowedTargetShardCounts(OpenShardCount);
            return $"{low} to {high} (half to double), not {OpenShardCount}";
        }
    }

    /// <summary>Why the typed target cannot be asked for, naming the field and the allowed range; null when it can.</summary>
    private string? TargetError
    {
        get
        {
            if (_targetText is null)
                return null;
            var (low, high) = KinesisRules.AllowedTargetShardCounts(OpenShardCount);
            return WholeNumberField.Parse(_targetText, "Target shard count", low, high, out var target)
                ?? (target == OpenShardCount ? $"Target shard count must differ from the current {OpenShardCount}; choose {low} to {high}." : null);
        }
    }

    private static string ShardLabel(ShardDescription shard) => shard.IsOpen ? shard.ShardId : $"{shard.ShardId} (closed)";

    private async Task ChangeShardCountAsync()
    {
        _error = null;
        _shardCountResult = null;
        var check = await Guard.CheckAsync(AccessPolicies.Administer, "change a stream's shard count");
        if (check.Refusal is { } refusal)
        {
            _error = refusal;
            return;
        }
        _targetText ??= "";
        if (_stream is null)
        {
            _error = "Choose a stream first.";
            return;
        }
        if (TargetError is { } targetError)
        {
            _error = targetError;
            return;
        }
        WholeNumberField.Parse(_targetText, "Target shard count", 1, int.MaxValue, out var target);
        var stream = _stream;
        _busy = true;
        try
        {
            var update = await Client.UpdateShardCountAsync(stream, target);
            await Guard.AuditAsync(check, AuditActions.ShardCountChanged, AuditDetails.ShardCountChanged(update));
            _shardCountResult = $"{stream} went from {update.CurrentShardCount} to {update.TargetShardCount} open shards.";
            _targetText = null;
            _shards = await Client.ListShardsAsync(stream);
        }
        catch (StreamException e)
        {
            _error = $"The shard count of {stream} was not changed: {e.Message}";
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task GetRecordsAsync()
    {
        _error = null;
        // A new request, or an error, never shows the records of the previous one.
        ClearRecords();
        if (_stream is null || _shard is null)
        {
            _error = "Choose a stream and a shard first.";
            return;
        }
        if (LimitError is { } limitError)
        {
            _error = limitError;
            return;
        }
        WholeNumberField.Parse(_limitText, "Records per request", 1, KinesisRules.MaxGetRecordsLimit, out _limit);
        StartingPosition position;
        switch (_position)
        {
            case ShardIteratorType.AT_SEQUENCE_NUMBER or ShardIteratorType.AFTER_SEQUENCE_NUMBER:
                if (string.IsNullOrWhiteSpace(_sequenceNumber) || !_sequenceNumber.Trim().All(char.IsAsciiDigit))
                {
                    _error = "Enter a sequence number (digits only), for example one from the records of this shard.";
                    return;
                }
                position = new StartingPosition(_position, _sequenceNumber.Trim());
                break;
            case ShardIteratorType.AT_TIMESTAMP:
                if (!DateTimeOffset.TryParse(_timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
                {
                    _error = "Enter the timestamp as yyyy-MM-dd HH:mm:ss (UTC), for example 2026-11-30 12:00:00.";
                    return;
                }
                position = StartingPosition.AtTimestamp(time);
                break;
            default:
                position = new StartingPosition(_position);
                break;
        }
        await ReadAsync(async () => await Client.GetShardIteratorAsync(_stream, _shard, position));
    }

    private string? LimitError => WholeNumberField.Parse(_limitText, "Records per request", 1, KinesisRules.MaxGetRecordsLimit, out _);

    private void ClearRecords()
    {
        _records = null;
        _nextIterator = null;
        _millisBehind = null;
        _shownShard = null;
    }

    private Task NextRecordsAsync() => _nextIterator is { } next ? ReadAsync(() => Task.FromResult(next)) : Task.CompletedTask;

    private async Task ReadAsync(Func<Task<string>> iterator)
    {
        _busy = true;
        _error = null;
        try
        {
            var result = await Client.GetRecordsAsync(await iterator(), _limit);
            _records = result.Records;
            _nextIterator = result.NextShardIterator;
            _millisBehind = result.MillisBehindLatest;
            _shownShard = $"{_shard} of {_stream}";
        }
        catch (ExpiredIteratorException)
        {
            ClearRecords();
            _error = "The iterator expired (they last 5 minutes). Press \"Get records\" to start again from a position.";
        }
        catch (ResourceNotFoundException e)
        {
            ClearRecords();
            _error = $"{e.Message} Choose another stream or shard, or reload the page to refresh the list.";
        }
        catch (StreamException e)
        {
            ClearRecords();
            _error = $"The stream refused the request: {e.Message}";
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>How far the records read are behind the newest record of the shard, as a duration.</summary>
    private static string Lag(long millisBehind) => millisBehind == 0
        ? "At the newest record of the shard."
        : $"{Pipeline.Health.HumanDuration.Format(TimeSpan.FromMilliseconds(millisBehind))} behind the newest record of the shard.";

    private static string PositionLabel(ShardIteratorType type) => type switch
    {
        ShardIteratorType.TRIM_HORIZON => "Trim horizon (oldest)",
        ShardIteratorType.LATEST => "Latest (new records only)",
        ShardIteratorType.AT_SEQUENCE_NUMBER => "At sequence number",
        ShardIteratorType.AFTER_SEQUENCE_NUMBER => "After sequence number",
        ShardIteratorType.AT_TIMESTAMP => "At timestamp",
        _ => type.ToString(),
    };

    private static string Decode(ReadOnlyMemory<byte> data)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(data.Span);
        }
        catch (DecoderFallbackException)
        {
            return "(binary) " + Convert.ToBase64String(data.Span);
        }
    }
}
