// Starts kinesalite on 127.0.0.1 only (its CLI listens on every interface): node kinesalite.js <port>
require('kinesalite')({ createStreamMs: 50, deleteStreamMs: 50, updateStreamMs: 50, shardLimit: 100000 }).listen(+process.argv[2], '127.0.0.1')
