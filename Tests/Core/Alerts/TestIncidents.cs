using TurbineConsole.Pipeline.Alerts;

namespace TurbineConsole.Tests.Core.Alerts;

/// <summary>Incidents made directly, for tests of what happens to stored incidents.</summary>
internal static class TestIncidents
{
    /// <summary>An open incident at <paramref name="location"/> first seen at <paramref name="at"/> on its turbine -01, without deliveries.</summary>
    public static Incident New(string location, DateTimeOffset at, double speedMph = 90, double score = 6)
    {
        var turbine = location[..3].ToUpperInvariant() + "-01";
        return new Incident
        {
            Location = location,
            Id = $"{at:yyyy-MM-ddTHH:mm:ss.fffZ}#{turbine}#000000000001",
            Turbine = turbine,
            SpeedMph = speedMph,
            Score = score,
            FirstSeen = at,
            LastSeen = at,
            MaxSpeedMph = speedMph,
            MaxScore = score,
            UpdatedAt = at,
        };
    }
}
