using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.DeadLetters;
using TurbineConsole.Simulator.Web.Access;

namespace TurbineConsole.Simulator.Web.Components.Pages;

/// <summary>The dead letters: counts by consumer and reason, the newest letters, and re-drive or delete of the selected ones.</summary>
public partial class DeadLetters
{
    private const string AllConsumers = "";
    private const int PageSize = 100;
    private static readonly string[] s_consumers =
        ["AnomalyDetection", "CalculateMaxSpeed", "WindRollup", "AnalyticsDestinationFunction", "DIYFunction", "RollupDestinationFunction", "AnomalyMessageDeliveryFunction"];

    private readonly HashSet<DeadLetterKey> _selected = [];
    private IReadOnlyList<DeadLetter>? _letters;
    private IReadOnlyList<DeadLetterCount>? _counts;
    private long? _total;
    private string? _error;
    private string _consumer = AllConsumers;
    private bool _busy;
    private bool _confirmingDelete;
    private string? _outcome;
    private IReadOnlyList<string> _outcomeErrors = [];
    private bool _canOperate;
    private bool _refused;

    private string NeedsRole => _canOperate ? "" : "needs-role";

    private string? RoleHint => _canOperate ? null : $"Needs the {AccessRoles.Operator} role";

    [Inject]
    private IOptions<PipelineOptions> PipelineOptions { get; set; } = null!;

    private string Retention => PipelineOptions.Value.Retention.DeadLetters.TotalDays is var days && days >= 1 && days % 1 == 0
        ? $"{days:0} days"
        : PipelineOptions.Value.Retention.DeadLetters.ToString();

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        _canOperate = await Guard.AllowsAsync(AccessPolicies.Operate);
        await LoadAsync();
    }

    private async Task OnConsumerChangedAsync(string consumer)
    {
        _consumer = consumer;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        try
        {
            var consumer = _consumer == AllConsumers ? null : _consumer;
            _letters = await Store.ListAsync(consumer, PageSize);
            _total = await Store.CountAsync(consumer);
            _counts = await Store.CountByReasonAsync();
            _selected.IntersectWith(_letters.Select(l => l.Key));
            _error = null;
        }
        catch (Exception e)
        {
            _error = e.Message;
        }
    }

    private void Select(DeadLetterKey key, ChangeEventArgs e)
    {
        if (e.Value is true)
        {
            _selected.Add(key);
        }
        else
        {
            _selected.Remove(key);
        }
    }

    private void SelectAll(ChangeEventArgs e)
    {
        _selected.Clear();
        if (e.Value is true && _letters is not null)
        {
            _selected.UnionWith(_letters.Select(l => l.Key));
        }
    }

    private async Task RedriveAsync()
    {
        var letters = SelectedLetters();
        await RunAsync("re-drive dead letters", async check =>
        {
            var result = await Redrive.RedriveAsync(letters);
            _outcomeErrors = result.Errors;
            await Guard.AuditAsync(check, AuditActions.Redriven, AuditDetails.Redriven(result, letters));
            return $"Re-drove {result.RecordsPut:N0} records into their streams; {result.LettersRemoved:N0} dead letters removed."
                + (result.Errors.Count > 0 ? " These could not be put and stay here:" : string.Empty);
        });
    }

    private async Task DeleteAsync()
    {
        var keys = SelectedLetters().Select(l => l.Key).ToList();
        await RunAsync("delete dead letters", async check =>
        {
            var deleted = await Store.DeleteAsync(keys);
            _outcomeErrors = [];
            await Guard.AuditAsync(check, AuditActions.DeadLettersDeleted, AuditDetails.DeadLettersDeleted(deleted, keys));
            return $"Deleted {deleted:N0} dead letters.";
        });
    }

    /// <summary>
    /// Runs an action on the selection if the signed-in user may (checked on the server, whatever the page showed),
    /// shows what it did (or why it failed or was refused), then reloads.
    /// </summary>
    private async Task RunAsync(string what, Func<ActionGuard.Check, Task<string>> action)
    {
        _confirmingDelete = false;
        var check = await Guard.CheckAsync(AccessPolicies.Operate, what);
        _refused = check.Refusal is not null;
        if (check.Refusal is not null)
        {
            _outcome = check.Refusal;
            _outcomeErrors = [];
            return;
        }

        _busy = true;
        try
        {
            _outcome = await action(check);
            _selected.Clear();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _outcome = "The action failed: " + e.Message;
            _outcomeErrors = [];
        }
        finally
        {
            _busy = false;
        }

        await LoadAsync();
    }

    private List<DeadLetter> SelectedLetters() => _letters?.Where(l => _selected.Contains(l.Key)).ToList() ?? [];

    /// <summary>The start of the payload as text (invalid UTF-8 shown as replacement characters), for a quick look.</summary>
    private static string Preview(ReadOnlyMemory<byte> data)
    {
        var text = Encoding.UTF8.GetString(data.Span[..Math.Min(data.Length, 200)]).Trim();
        return data.Length > 200 ? $"{text}... ({data.Length:N0} bytes)" : text;
    }
}
