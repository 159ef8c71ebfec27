namespace TurbineConsole.Simulator.Web.Telemetry;

/// <summary>An Operator's acknowledgement of a location's latched alarms: every alarm from a reading taken up to <paramref name="UpTo"/> is cleared.</summary>
/// <param name="Location">The wind farm.</param>
/// <param name="UpTo">The newest reading the card showed when it was acknowledged.</param>
/// <param name="By">Who acknowledged (the signed-in user).</param>
/// <param name="At">When.</param>
public sealed record LatchAcknowledgement(string Location, DateTimeOffset UpTo, string By, DateTimeOffset At);
