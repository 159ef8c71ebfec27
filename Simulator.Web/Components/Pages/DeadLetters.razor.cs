using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.DeadLetters;

namespace TurbineConsole.Simulator.Web.Components.Pages;

/// <summary>The dead letters: counts by consumer and reason, the newest letters, and re-drive or delete of the selected ones.</summary>
public partial class DeadLetters
{
    private const string AllConsumers = "";
    private const int PageSize = 100;
    private static readonly string[] s_consumers =
        ["AnomalyDetection", "CalculateMaxSpeed", "AnalyticsDestinationFunction", "DIYFunction", "AnomalyMessageDeliveryFunction"];

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

    [Inject]
    private IOptions<PipelineOptions> PipelineOptions { get; set; } = null!;

    private string Retention => PipelineOptions.Value.Retention.DeadLetters.TotalDays is var days && days >= 1 && days % 1 == 0
        ? $"{days:0} days"
        : PipelineOptions.Value.Retention.DeadLetters.ToString();

    /// <inheritdoc />
    protected override Task OnInitializedAsync() => LoadAsync();

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
        await RunAsync(async () =>
        {
            var result = await Redrive.RedriveAsync(letters);
            _outcomeErrors = result.Errors;
            return $"Re-drove {result.RecordsPut:N0} records into their streams; {result.LettersRemoved:N0} dead letters removed."
                + (result.Errors.Count > 0 ? " These could not be put and stay here:" : string.Empty);
        });
    }

    private async Task DeleteAsync()
    {
        var keys = SelectedLetters().Select(l => l.Key).ToList();
        await RunAsync(async () =>
        {
            var deleted = await Store.DeleteAsync(keys);
            _outcomeErrors = [];
            return $"Deleted {deleted:N0} dead letters.";
        });
    }

    /// <summary>Runs an action on the selection, shows what it did (or why it failed), then reloads.</summary>
    private async Task RunAsync(Func<Task<string>> action)
    {
        _busy = true;
        _confirmingDelete = false;
        try
        {
            _outcome = await action();
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
