using System.Globalization;
using Microsoft.AspNetCore.Components;
using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Simulator.Web.Access;

namespace TurbineConsole.Simulator.Web.Components.Alerts;

/// <summary>
/// Sets and removes per-location escalation and re-notification policies. Anyone signed in sees them; changing one needs
/// the Administer policy, checked on the server at every click, and is written to the audit log. Minutes and names are
/// checked with a message naming the field and the allowed range.
/// </summary>
public sealed partial class PolicyEditor
{
    private IReadOnlyList<AlertPolicy> _policies = [];
    private string _location = "";
    private string _escalateAfter = "";
    private string _renotifyEvery = "";
    private readonly HashSet<string> _escalateTo = new(StringComparer.Ordinal);

    [Inject] private AlertPolicyStore Policies { get; set; } = null!;

    [Inject] private AlertDispatcher Dispatcher { get; set; } = null!;

    [Inject] private TimeProvider Time { get; set; } = null!;

    /// <inheritdoc />
    protected override async Task ReloadAsync()
    {
        try
        {
            _policies = await Policies.ListAsync();
        }
        catch (Exception e)
        {
            Error = $"Could not read the policies table: {e.Message}";
        }
    }

    private void Toggle(string channel, bool on)
    {
        if (on)
            _escalateTo.Add(channel);
        else
            _escalateTo.Remove(channel);
    }

    private void Edit(AlertPolicy policy)
    {
        _location = policy.Location;
        _escalateAfter = policy.EscalateAfter is { } a ? a.TotalMinutes.ToString("0", CultureInfo.InvariantCulture) : "";
        _renotifyEvery = policy.RenotifyEvery is { } r ? r.TotalMinutes.ToString("0", CultureInfo.InvariantCulture) : "";
        _escalateTo.Clear();
        _escalateTo.UnionWith(policy.EscalateTo);
    }

    private Task SaveAsync() => AdministerAsync("set an alert policy", "Could not store the policy", async check =>
    {
        var errors = new List<string>();
        var escalateAfter = Minutes(_escalateAfter, "Escalate after", errors);
        var renotifyEvery = Minutes(_renotifyEvery, "Re-notify every", errors);
        AlertPolicy? policy = null;
        try
        {
            policy = AlertPolicy.Parse(_location, escalateAfter, [.. _escalateTo], renotifyEvery, Dispatcher.Channels.Select(c => c.Name).ToList(), check.UserName, Time.GetUtcNow());
        }
        catch (ArgumentException e)
        {
            errors.Add(e.MessageWithoutParameter());
        }
        if (policy is null || errors.Count > 0)
        {
            Error = string.Join(" ", errors);
            return null;
        }
        await Policies.SaveAsync(policy);
        await Guard.AuditAsync(check, AuditActions.PolicySet, AuditDetails.Policy(policy));
        return $"{policy.Location} now follows its own policy: {policy.Description}.";
    });

    private Task RemoveAsync(AlertPolicy policy) => AdministerAsync("remove an alert policy", "Could not remove the policy", async check =>
    {
        await Policies.RemoveAsync(policy.Location);
        await Guard.AuditAsync(check, AuditActions.PolicyRemoved, policy.Location);
        return $"{policy.Location} follows the default policy again.";
    });

    /// <summary>Whole minutes typed in <paramref name="field"/>, null when empty (off); a message naming the field and the range when not readable or out of range.</summary>
    private static int? Minutes(string text, string field, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (WholeNumberField.Parse(text, field + " (minutes; empty for off)", AlertPolicy.MinMinutes, AlertPolicy.MaxMinutes, out var minutes) is { } error)
        {
            errors.Add(error);
            return null;
        }
        return minutes;
    }
}
