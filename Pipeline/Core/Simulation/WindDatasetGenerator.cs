using TurbineConsole.Pipeline.Records;

namespace TurbineConsole.Pipeline.Simulation;

/// <summary>
/// Generates one of the lab's datasets, tick by tick: every turbine of every farm gives one reading per tick.
/// Wind per farm is a mean-reverting process around a slowly drifting, daily-cycling level (mostly 10-45 mph);
/// turbines add their own offset and gusts. The anomaly dataset injects single 70-110 mph spikes and farm-wide
/// sustained high-wind periods at positions drawn from the seed, and labels them; its first spike comes just after the
/// detectors' warm-up (<see cref="FirstSpikeTick"/>). Same seed, same readings.
/// </summary>
public sealed class WindDatasetGenerator
{
    /// <summary>How many distinct farm names there are.</summary>
    public const int MaxLocations = 24;

    /// <summary>
    /// Readings per location a detector takes in before it scores anything (the default
    /// <c>Pipeline:AnomalyDetection:OutputAfter</c>, one forest per location): scores stay 0 until then.
    /// </summary>
    public const int WarmUpReadingsPerLocation = 256;

    /// <summary>Ticks after the warm-up at which the anomaly dataset's first spike comes (at its first location).</summary>
    public const int FirstSpikeTicksAfterWarmUp = 10;

    /// <summary>The farm of the DIY dataset.</summary>
    public const string DiyLocation = "City";

    private static readonly string[] s_locations =
    [
        "Chicago", "Amarillo", "Cheyenne", "Tulsa", "Casper", "Dodge City", "Wichita", "Great Falls",
        "Lubbock", "Sioux Falls", "Bismarck", "Goodland", "Rapid City", "Oklahoma City", "Denver", "Boston",
        "Abilene", "Fargo", "Laramie", "Kansas City", "Lincoln", "Omaha", "Billings", "Pueblo",
    ];

    /// <summary>Every farm name the generator can use, in the order datasets take them (DIY's "City" is apart).</summary>
    public static IReadOnlyList<string> LocationNames => s_locations;

    private readonly WindDataset _dataset;
    private readonly DatasetOptions _options;
    private readonly FarmSimulation[] _farms;
    private readonly string _tag;

    /// <summary>A generator positioned before the first tick.</summary>
    public WindDatasetGenerator(WindDataset dataset, DatasetOptions? options = null)
    {
        _options = options ?? new DatasetOptions();
        _options.Validate();
        _dataset = dataset;
        _tag = dataset.Tag();
        var names = dataset == WindDataset.Diy ? [DiyLocation] : s_locations.Take(_options.Locations).ToArray();
        _farms = names.Select((name, i) => new FarmSimulation(
            new WindFarm(name, TurbineIds(name, _options.TurbinesPerLocation)),
            new Random(unchecked(_options.Seed * 7919 + i * 104729 + 17)),
            injectEvents: dataset == WindDataset.Anomaly,
            firstSpikeTick: i == 0 ? FirstSpikeTick(_options.TurbinesPerLocation) : null,
            earliestSpikeTick: FirstSpikeTick(_options.TurbinesPerLocation))).ToArray();
        Farms = _farms.Select(f => f.Farm).ToArray();
    }

    /// <summary>
    /// The tick of the anomaly dataset's first spike, at its first location: <see cref="FirstSpikeTicksAfterWarmUp"/>
    /// ticks after the location's detector is warm (<see cref="WarmUpReadingsPerLocation"/> readings, one per turbine a
    /// tick), so that a demo shows a scored spike soon after Start. The other locations' first spikes come at random
    /// later, never before this tick; every later spike follows the one before it by 150 to 350 ticks.
    /// </summary>
    public static long FirstSpikeTick(int turbinesPerLocation) =>
        ((WarmUpReadingsPerLocation + turbinesPerLocation - 1) / turbinesPerLocation) + FirstSpikeTicksAfterWarmUp;

    /// <summary>The farms and turbines this dataset simulates.</summary>
    public IReadOnlyList<WindFarm> Farms { get; }

    /// <summary>How many readings one tick gives.</summary>
    public int ReadingsPerTick => _farms.Length * _options.TurbinesPerLocation;

    /// <summary>Ticks generated so far.</summary>
    public long Tick { get; private set; }

    /// <summary>Readings of the next tick, farm by farm, turbine by turbine; each turbine's <c>seq</c> equals the tick number.</summary>
    public IReadOnlyList<SimulatedReading> NextTick()
    {
        var time = _options.StartTime + _options.TickInterval * Tick;
        var readings = new SimulatedReading[ReadingsPerTick];
        var n = 0;
        foreach (var farm in _farms)
        {
            farm.Advance(Tick);
            for (var t = 0; t < farm.Farm.Turbines.Count; t++)
            {
                var (speed, kind) = farm.TurbineSpeed(t);
                readings[n++] = new SimulatedReading(
                    new WindReading(farm.Farm.Location, farm.Farm.Turbines[t], Math.Round(speed, 2), time, Tick, _tag), kind);
            }
        }
        Tick++;
        return readings;
    }

    /// <summary>The readings of the next <paramref name="ticks"/> ticks, in order.</summary>
    public IEnumerable<SimulatedReading> Take(long ticks)
    {
        for (long i = 0; i < ticks; i++)
        {
            foreach (var r in NextTick())
                yield return r;
        }
    }

    private static string[] TurbineIds(string location, int count)
    {
        var prefix = new string(location.Where(char.IsLetter).Take(3).ToArray()).ToUpperInvariant();
        if (location.Contains(' '))
            prefix = string.Concat(location.Split(' ').Select(w => char.ToUpperInvariant(w[0]))) + prefix[^1..];
        return Enumerable.Range(1, count).Select(i => $"{prefix}-{i:D2}").ToArray();
    }

    /// <summary>The wind of one farm: its level, its turbines and its schedule of injected events.</summary>
    private sealed class FarmSimulation
    {
        private const double DailyTicks = 1440;
        private readonly Random _random;
        private readonly bool _injectEvents;
        private readonly double _baseLevel;
        private readonly double _phase;
        private readonly double[] _turbineOffset;
        private double _drift;
        private double _wind;
        private long _nextSpikeTick;
        private int _spikeTurbine = -1;
        private long _sustainedStart;
        private long _sustainedEnd;
        private double _sustainedLevel;
        private bool _inSustained;

        public FarmSimulation(WindFarm farm, Random random, bool injectEvents, long? firstSpikeTick, long earliestSpikeTick)
        {
            Farm = farm;
            _random = random;
            _injectEvents = injectEvents;
            _baseLevel = 20 + random.NextDouble() * 10;
            _phase = random.NextDouble() * 2 * Math.PI;
            _turbineOffset = farm.Turbines.Select(_ => (random.NextDouble() - 0.5) * 3).ToArray();
            _wind = _baseLevel;
            // The draw is made for every farm, so that the rest of each farm's readings stay as the seed gave them.
            _nextSpikeTick = Math.Max(150 + random.Next(0, 200), earliestSpikeTick);
            _nextSpikeTick = firstSpikeTick ?? _nextSpikeTick;
            _sustainedStart = 600 + random.Next(0, 600);
            _sustainedEnd = _sustainedStart + 15 + random.Next(0, 16);
        }

        public WindFarm Farm { get; }

        public void Advance(long tick)
        {
            _drift = Math.Clamp(_drift + Gaussian() * 0.05, -5, 5);
            var level = _baseLevel + _drift + 6 * Math.Sin(2 * Math.PI * tick / DailyTicks + _phase);
            _wind += 0.05 * (level - _wind) + 1.2 * Gaussian();
            _wind = Math.Clamp(_wind, 3, 50);
            _spikeTurbine = -1;
            if (!_injectEvents)
                return;
            _inSustained = tick >= _sustainedStart && tick < _sustainedEnd;
            if (tick == _sustainedStart)
                _sustainedLevel = 56 + _random.NextDouble() * 6;
            if (tick == _sustainedEnd)
            {
                _sustainedStart = tick + 600 + _random.Next(0, 600);
                _sustainedEnd = _sustainedStart + 15 + _random.Next(0, 16);
            }
            if (tick >= _nextSpikeTick && !_inSustained && tick + 40 < _sustainedStart)
            {
                _spikeTurbine = _random.Next(Farm.Turbines.Count);
                _nextSpikeTick = tick + 150 + _random.Next(0, 200);
            }
        }

        public (double Speed, SevereEventKind Kind) TurbineSpeed(int turbine)
        {
            var gust = _random.NextDouble() < 0.02 ? 3 + _random.NextDouble() * 5 : 0;
            var normal = Math.Max(0, _wind + _turbineOffset[turbine] + 1.2 * Gaussian() + gust);
            if (turbine == _spikeTurbine)
                return (70 + _random.NextDouble() * 40, SevereEventKind.Spike);
            if (_inSustained)
                return (_sustainedLevel + 2 * Gaussian() + (normal - _wind), SevereEventKind.SustainedHighWind);
            return (normal, SevereEventKind.None);
        }

        private double Gaussian()
        {
            var u1 = 1.0 - _random.NextDouble();
            var u2 = _random.NextDouble();
            return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }
    }
}
