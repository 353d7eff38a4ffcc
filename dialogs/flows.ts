/**
 * Builds every dialog machine for one policy and one set of service implementations: the root and
 * the flows it routes between. Machines only name their services; this is where names meet
 * implementations (real ones from the composition root, fakes in tests).
 */
import type { PolicyConfig } from '../src/policy/index.js';
import { amendReturnMachine } from './amend-return.machine.js';
import { applyAddressMachine } from './apply-address.machine.js';
import { createCancelOrderMachine } from './cancel-order.machine.js';
import { createChangeAddressMachine } from './change-address.machine.js';
import { createComplaintMachine } from './complaint.machine.js';
import { handoffMachine } from './handoff.machine.js';
import { issueReturnMachine } from './issue-return.machine.js';
import { createReturnItemMachine } from './return-item.machine.js';
import { createReturnOfferMachine } from './return-offer.machine.js';
import type { ServiceActors } from './services.js';
import { createTrackOrderMachine } from './track-order.machine.js';
import { verifyBuyerMachine } from './verify-buyer.machine.js';

export function createFlows(policy: PolicyConfig, s: ServiceActors) {
  const verifyBuyer = verifyBuyerMachine.provide({
    actors: { verifyBuyer: s.verifyBuyer, loadOrder: s.loadOrder, listOrdersByEmail: s.listOrdersByEmail },
  });
  return {
    cancelOrder: createCancelOrderMachine(policy).provide({ actors: { verifyBuyer, cancelOrder: s.cancelOrder } }),
    changeAddress: createChangeAddressMachine(policy).provide({
      actors: {
        verifyBuyer,
        loadOrder: s.loadOrder,
        cancelOrder: s.cancelOrder,
        applyAddress: applyAddressMachine.provide({ actors: { checkBuyer: s.verifyBuyer, changeAddress: s.changeAddress, requestRedirect: s.requestRedirect } }),
      },
    }),
    trackOrder: createTrackOrderMachine(policy).provide({
      actors: { verifyBuyer, track: s.track, openClaim: s.openClaim, recordRefund: s.recordRefund },
    }),
    returnItem: createReturnItemMachine(policy).provide({
      actors: {
        verifyBuyer,
        findReturn: s.findReturn,
        listReturns: s.listReturns,
        recordComplaint: s.recordComplaint,
        returnOffer: createReturnOfferMachine(policy).provide({
          actors: { issueReturn: issueReturnMachine.provide({ actors: { createReturn: s.createReturn, createLabel: s.createLabel, recordRefund: s.recordRefund } }) },
        }),
      },
    }),
    amendReturn: amendReturnMachine.provide({ actors: { changeReturnResolution: s.changeReturnResolution, withdrawReturn: s.withdrawReturn } }),
    complaint: createComplaintMachine(policy).provide({ actors: { recordComplaint: s.recordComplaint, loadOrder: s.loadOrder } }),
    handoff: handoffMachine.provide({
      actors: { requestHandoff: s.requestHandoff, relayToAgent: s.relayToAgent, withdrawHandoff: s.withdrawHandoff },
    }),
  };
}

export type Flows = ReturnType<typeof createFlows>;
