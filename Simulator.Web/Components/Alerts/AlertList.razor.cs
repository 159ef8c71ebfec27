using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;
using MudBlazor;
using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Simulator.Web.Access;

namespace TurbineConsole.Simulator.Web.Components.Alerts;

/// <summary>
/// The alert list: incidents newest first, their severity, whether a silence matched them, who acknowledged or resolved
/// them, each channel's delivery and, on demand, their timeline, live. Acknowledge, Comment and Resolve record the
/// signed-in user (never a typed name) and the comment; the server checks the Operate policy on every click, whatever
/// the buttons looked like.
/// </summary>
public sealed partial class AlertList : IAsyncDisposable
{
    private IReadOnlyList<Incident> _incidents = [];
    private bool _loading = true;
    private string? _error;
    private string _comment = "";
    private bool _canOperate;
    private string _notifications = "unsupported";
    private IJSObjectReference? _module;
    private Timer? _refresh;
    private int _refreshPending;
    private readonly HashSet<string> _expanded = new(StringComparer.Ordinal);

    /// <summary>How many incidents to show.</summary>
    [Parameter] public int Limit { get; set; } = 20;

    [Inject] private AlertService Alerts { get; set; } = null!;

    [Inject] private AlertStore Store { get; set; } = null!;

    [Inject] private InAppAlertChannel InApp { get; set; } = null!;

    [Inject] private IOptions<AlertOptions> Options { get; set; } = null!;

    [Inject] private IJSRuntime JS { get; set; } = null!;

    [Inject] private ActionGuard Guard { get; set; } = null!;

    /// <summary>The class that shows Acknowledge and Resolve as unavailable to a user who may not use them.</summary>
    private string NeedsRole => _canOperate ? "" : " needs-role";

    private string? RoleHint => _canOperate ? null : $"Needs the {AccessRoles.Operator} role";

    /// <inheritdoc />
    protected override async Task OnInitializedAsync() => _canOperate = await Guard.AllowsAsync(AccessPolicies.Operate);

    /// <summary>The alert rule in words, from the settings: "when a reading scores 3 or more at 55 mph or more".</summary>
    private string WhatRaisesAnAlert
    {
        get
        {
            var o = Options.Value;
            var rule = o.Criterion == AlertCriterion.Grade ? "when the detector grades a reading above 0" : $"when a reading scores {o.Threshold:0.###} or more";
            return o.MinSpeedMph > 0 ? $"{rule} at {o.MinSpeedMph:0.#} mph or more" : rule;
        }
    }

    /// <inheritdoc />
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
            return;
        Store.Changed += OnIncidentChanged;
        InApp.Alerted += OnAlerted;
        await ReloadAsync();
        try
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/alerts.js");
            _notifications = await _module.InvokeAsync<string>("permission") ?? "unsupported";
        }
        catch (JSException)
        {
            _notifications = "unsupported";
        }
        StateHasChanged();
    }

    private async Task ReloadAsync()
    {
        try
        {
            _incidents = await Alerts.ListAsync(Limit);
            _error = null;
        }
        catch (Exception e)
        {
            _error = $"Could not read the alerts table: {e.Message}";
        }
        _loading = false;
    }

    private void OnIncidentChanged(Incident incident)
    {
        // The change carries the incident: merge it into the list instead of reading the table again.
        _ = InvokeAsync(() =>
        {
            _incidents = Merge(_incidents, incident, Limit);
            _loading = false;
            ThrottledRender();
        });
    }

    /// <summary>The list with <paramref name="changed"/> replacing its older copy (or added), newest first, at most <paramref name="limit"/>.</summary>
    internal static IReadOnlyList<Incident> Merge(IReadOnlyList<Incident> incidents, Incident changed, int limit) =>
        incidents.Where(i => i.Location != changed.Location || i.Id != changed.Id)
            .Append(changed)
            .OrderByDescending(i => i.FirstSeen).ThenBy(i => i.Location, StringComparer.Ordinal)
            .Take(limit)
            .ToList();

    private void ThrottledRender()
    {
        // Incidents change in bursts (deliveries, updates); a render every quarter second is enough.
        if (Interlocked.Exchange(ref _refreshPending, 1) == 1)
            return;
        _refresh?.Dispose();
        _refresh = new Timer(_ => _ = InvokeAsync(() =>
        {
            Interlocked.Exchange(ref _refreshPending, 0);
            StateHasChanged();
        }), null, TimeSpan.FromMilliseconds(250), Timeout.InfiniteTimeSpan);
    }

    private void OnAlerted(AlertMessage message)
    {
        if (_module is null || _notifications != "granted")
            return;
        _ = InvokeAsync(async () =>
        {
            try
            {
                await _module.InvokeAsync<bool>("notify", message.Subject, message.Text, $"{message.Incident.Location}/{message.Incident.Id}");
            }
            catch (JSException)
            {
            }
        });
    }

    private async Task EnableNotificationsAsync()
    {
        if (_module is not null)
            _notifications = await _module.InvokeAsync<string>("requestPermission") ?? "unsupported";
    }

    private Task AcknowledgeAsync(Incident incident) =>
        ActAsync("acknowledge an alert", AuditActions.Acknowledged, incident, (who, comment) => Alerts.AcknowledgeAsync(incident.Location, incident.Id, who, comment));

    private Task ResolveAsync(Incident incident) =>
        ActAsync("resolve an alert", AuditActions.Resolved, incident, (who, comment) => Alerts.ResolveAsync(incident.Location, incident.Id, who, comment));

    private Task CommentAsync(Incident incident) =>
        ActAsync("comment on an alert", AuditActions.Commented, incident, (who, comment) => Alerts.CommentAsync(incident.Location, incident.Id, who, comment));

    private void ToggleTimeline(string key)
    {
        if (!_expanded.Remove(key))
            _expanded.Add(key);
    }

    /// <summary>What the silence that matched the incident said, from its timeline.</summary>
    private static string SilenceText(Incident incident) =>
        incident.Timeline.LastOrDefault(e => e.Kind == IncidentEventKind.Silenced)?.Text ?? $"by silence {incident.SilencedBy}";

    /// <summary>A timeline event's kind in words.</summary>
    internal static string EventLabel(IncidentEventKind kind) => kind switch
    {
        IncidentEventKind.Raised => "Raised",
        IncidentEventKind.Silenced => "Silenced",
        IncidentEventKind.Notified => "Notified",
        IncidentEventKind.NotificationFailed => "Notification failed",
        IncidentEventKind.SeverityRaised => "Severity raised",
        IncidentEventKind.Escalated => "Escalated",
        IncidentEventKind.Renotified => "Re-notified",
        IncidentEventKind.Acknowledged => "Acknowledged",
        IncidentEventKind.Commented => "Comment",
        IncidentEventKind.Resolved => "Resolved",
        _ => kind.ToString(),
    };

    private async Task ActAsync(string what, string auditAction, Incident incident, Func<string, string?, Task<Incident>> action)
    {
        var check = await Guard.CheckAsync(AccessPolicies.Operate, what);
        if (check.Refusal is not null)
        {
            _error = check.Refusal;
            return;
        }
        try
        {
            var comment = string.IsNullOrWhiteSpace(_comment) ? null : _comment;
            await action(check.UserName, comment);
            await Guard.AuditAsync(check, auditAction, AuditDetails.Incident(incident, comment));
            _comment = "";
            _error = null;
            await ReloadAsync();
        }
        catch (ArgumentException e)
        {
            _error = e.MessageWithoutParameter();
        }
        catch (Exception e)
        {
            _error = $"Could not change the alert: {e.Message}";
        }
    }

    private static Color StateColor(IncidentState state) => state switch
    {
        IncidentState.Open => Color.Error,
        IncidentState.Acknowledged => Color.Info,
        _ => Color.Success,
    };

    private static Color DeliveryColor(DeliveryState state) => state switch
    {
        DeliveryState.Sent => Color.Success,
        DeliveryState.Retrying or DeliveryState.Failed => Color.Error,
        _ => Color.Default,
    };

    private static string DeliveryText(ChannelDelivery d) => d.State switch
    {
        DeliveryState.Sent => $"Sent {d.At?.ToLocalTime():HH:mm:ss}",
        DeliveryState.Retrying => $"Failing ({d.Attempts} attempts): {d.LastError}. Next try {d.At?.ToLocalTime():HH:mm:ss}.",
        DeliveryState.Failed => $"Gave up after {d.Attempts} attempts: {d.LastError}",
        DeliveryState.Cancelled => "Not sent: the alert was acknowledged or resolved first.",
        DeliveryState.Sending => d.Attempts == 0 ? "Being sent." : $"Being sent again ({d.Attempts} attempts before).",
        _ => "Waiting to be sent.",
    };

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Store.Changed -= OnIncidentChanged;
        InApp.Alerted -= OnAlerted;
        _refresh?.Dispose();
        if (_module is not null)
        {
            try
            {
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
            }
        }
    }
}
