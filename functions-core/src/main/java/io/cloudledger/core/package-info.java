/** Provider-neutral core: model, configuration, secrets, sync, cost, rotation and dispatch. */
package io.cloudledger.core;
