using System.Globalization;
using Microsoft.AspNetCore.Components;
using TurbineConsole.Pipeline.Alerts;
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
    private string? _error;
    private string? _done;
    private bool _canAdminister;

    [Inject] private AlertPolicyStore Policies { get; set; } = null!;

    [Inject] private AlertDispatcher Dispatcher { get; set; } = null!;

    [Inject] private TimeProvider Time { get; set; } = null!;

    [Inject] private ActionGuard Guard { get; set; } = null!;

    private string NeedsRole => _canAdminister ? "" : " needs-role";

    private string? RoleHint => _canAdminister ? null : $"Needs the {AccessRoles.Administrator} role";

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        _canAdminister = await Guard.AllowsAsync(AccessPolicies.Administer);
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        try
        {
            _policies = await Policies.ListAsync();
        }
        catch (Exception e)
        {
            _error = $"Could not read the policies table: {e.Message}";
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

    private async Task SaveAsync()
    {
        _done = null;
        var check = await Guard.CheckAsync(AccessPolicies.Administer, "set an alert policy");
        if (check.Refusal is not null)
        {
            _error = check.Refusal;
            return;
        }
        var errors = new List<string>();
        var escalateAfter = Minutes(_escalateAfter, "Escalate after", errors);
        var renotifyEvery = Minutes(_renotifyEvery, "Re-notify every", errors);
        try
        {
            var policy = AlertPolicy.Parse(_location, escalateAfter, [.. _escalateTo], renotifyEvery, Dispatcher.Channels.Select(c => c.Name).ToList(), check.UserName, Time.GetUtcNow());
            if (errors.Count > 0)
            {
                _error = string.Join(" ", errors);
                return;
            }
            await Policies.SaveAsync(policy);
            await Guard.AuditAsync(check, AuditActions.PolicySet, AuditDetails.Policy(policy));
            _error = null;
            _done = $"{policy.Location} now follows its own policy: {policy.Description}.";
        }
        catch (ArgumentException e)
        {
            _error = string.Join(" ", errors.Append(e.Message.Split(" (Parameter")[0]));
        }
        catch (Exception e)
        {
            _error = $"Could not store the policy: {e.Message}";
        }
        await ReloadAsync();
    }

    private async Task RemoveAsync(AlertPolicy policy)
    {
        _done = null;
        var check = await Guard.CheckAsync(AccessPolicies.Administer, "remove an alert policy");
        if (check.Refusal is not null)
        {
            _error = check.Refusal;
            return;
        }
        try
        {
            await Policies.RemoveAsync(policy.Location);
            await Guard.AuditAsync(check, AuditActions.PolicyRemoved, policy.Location);
            _error = null;
            _done = $"{policy.Location} follows the default policy again.";
        }
        catch (Exception e)
        {
            _error = $"Could not remove the policy: {e.Message}";
        }
        await ReloadAsync();
    }

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
