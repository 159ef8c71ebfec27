namespace TurbineConsole.Pipeline.Records;

/// <summary>A record could not be read: the message says which field and why, for the dead-letter store.</summary>
public sealed class RecordFormatException(string message) : Exception(message);
