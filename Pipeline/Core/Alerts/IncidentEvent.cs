namespace TurbineConsole.Pipeline.Alerts;

/// <summary>One entry of an incident's timeline.</summary>
/// <param name="At">When it happened (wall clock).</param>
/// <param name="Kind">What happened.</param>
/// <param name="By">Who did it (a user's name, or <see cref="AlertService.System"/>), when someone did.</param>
/// <param name="Text">Details: the comment, the channel, the silence, the policy.</param>
public sealed record IncidentEvent(DateTimeOffset At, IncidentEventKind Kind, string? By = null, string? Text = null);
