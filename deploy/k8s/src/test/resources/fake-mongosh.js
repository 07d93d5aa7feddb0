// Runs the mongodb-init script (argv[2]) against an in-memory stand-in for a replica set, with mongosh's globals
// (connect, sleep, print). The starting state comes from FAKE_STATE; the final state and the operations are
// printed as JSON. The stand-in refuses what MongoDB refuses: initiating twice, adding more than one voting member
// per reconfiguration, skipping a config version, creating an existing user.
const fs = require('fs');
const vm = require('vm');

const state = JSON.parse(process.env.FAKE_STATE || '{"initiated":false,"version":0,"members":[],"users":{}}');
const operations = [];

class MongoServerError extends Error {
  constructor(codeName) {
    super(codeName);
    this.codeName = codeName;
  }
}

function database(uri) {
  const authenticated = uri.includes('@');
  return {
    adminCommand(command) {
      if (!authenticated) throw new MongoServerError('Unauthorized');
      if ('replSetGetStatus' in command) {
        if (!state.initiated) throw new MongoServerError('NotYetInitialized');
        return { ok: 1 };
      }
      if ('replSetInitiate' in command) {
        if (state.initiated) throw new MongoServerError('AlreadyInitialized');
        state.initiated = true;
        state.version = 1;
        state.name = command.replSetInitiate._id;
        state.members = command.replSetInitiate.members;
        operations.push('initiate');
        return { ok: 1 };
      }
      if ('replSetGetConfig' in command) {
        if (!state.initiated) throw new MongoServerError('NotYetInitialized');
        return { config: JSON.parse(JSON.stringify({ _id: state.name, version: state.version, members: state.members })) };
      }
      if ('replSetReconfig' in command) {
        const config = command.replSetReconfig;
        if (config.members.length - state.members.length > 1) throw new MongoServerError('NewReplicaSetConfigurationIncompatible');
        if (config.version !== state.version + 1) throw new MongoServerError('BadValue');
        state.members = config.members;
        state.version = config.version;
        operations.push('reconfig');
        return { ok: 1 };
      }
      throw new Error('unexpected command ' + JSON.stringify(command));
    },
    hello() {
      return { isWritablePrimary: state.initiated && uri.includes('replicaSet=') };
    },
    getUser(user) {
      return state.users[user] ? { user: user } : null;
    },
    createUser(user) {
      if (state.users[user.user]) throw new MongoServerError('DuplicateKey');
      state.users[user.user] = { pwd: user.pwd, roles: user.roles };
      operations.push('create ' + user.user);
    },
    updateUser(name, update) {
      if (!state.users[name]) throw new MongoServerError('UserNotFound');
      state.users[name] = { pwd: update.pwd, roles: update.roles };
      operations.push('update ' + name);
    },
  };
}

const mongoshGlobals = {
  connect: (uri) => {
    operations.push('connect ' + (uri.includes('@') ? 'authenticated ' : 'anonymous ') + uri.replace(/\/\/[^@]*@/, '//'));
    return database(uri);
  },
  sleep: () => {},
  print: () => {},
  process: process,
};
vm.createContext(mongoshGlobals);
vm.runInContext(fs.readFileSync(process.argv[2], 'utf8'), mongoshGlobals);
console.log(JSON.stringify({ state: state, operations: operations }));
