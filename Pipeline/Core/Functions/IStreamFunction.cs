namespace TurbineConsole.Pipeline.Functions;

/// <summary>A Lambda-compatible handler of Kinesis batches, run in-process by the event source mapping.</summary>
public interface IStreamFunction
{
    /// <summary>The function's name (also its checkpoint and dead-letter consumer name).</summary>
    string Name { get; }

    /// <summary>Handles a batch; records it cannot parse go to the dead-letter store, records it failed to store are reported.</summary>
    Task<StreamsEventResponse> HandleAsync(KinesisEvent kinesisEvent, CancellationToken cancellationToken);
}
