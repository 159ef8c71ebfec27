namespace TurbineConsole.Simulator.Web.Telemetry;

/// <summary>Labels of the board states and how a turbine's condition maps to one.</summary>
public static class BoardStates
{
    /// <summary>The states from most to least severe, as the alarm summary and the location picker list them.</summary>
    public static IReadOnlyList<BoardState> MostSevereFirst { get; } = [.. Enum.GetValues<BoardState>().Reverse()];

    /// <summary>The board state of a turbine condition.</summary>
    public static BoardState Of(TurbineCondition condition) => condition switch
    {
        TurbineCondition.ShutdownAdvised => BoardState.ShutdownAdvised,
        TurbineCondition.CutOut => BoardState.CutOut,
        TurbineCondition.HighWind => BoardState.HighWind,
        _ => BoardState.Normal,
    };

    /// <summary>A short label for people.</summary>
    public static string Label(this BoardState state) => state switch
    {
        BoardState.NoCommunication => "No communication",
        BoardState.Normal => "Normal",
        BoardState.HighWind => "High wind",
        BoardState.Alert => "Alert",
        BoardState.CutOut => "Cut-out",
        BoardState.ShutdownAdvised => "Shutdown advised",
        _ => state.ToString(),
    };
}
