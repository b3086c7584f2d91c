"""Generates workflows/*.json: edit the templates here, run `python3 scripts/make-templates.py`, commit both."""
import json, os, uuid

PKG = 'n8n-nodes-loop-xoro'
LOOP = {'loopReturnsApi': {'name': 'Loop Returns account'}}
XORO = {'xoroApi': {'name': 'Xoro account'}}
SHOP = {'shopifyAdminGraphqlApi': {'name': 'Shopify Admin account'}}
ERROR_WF = 'LoopXoroErrorRpt'
STORE = 'MAIN'

def nid(wf, name):
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f'{wf}/{name}'))

class WF:
    def __init__(self, id, name, description):
        self.id, self.name, self.description = id, name, description
        self.nodes, self.connections = [], {}
    def node(self, name, type, params, pos, version=1, creds=None, **extra):
        n = {'parameters': params, 'id': nid(self.id, name), 'name': name, 'type': type, 'typeVersion': version, 'position': pos}
        if creds: n['credentials'] = creds
        n.update(extra)
        self.nodes.append(n)
        return name
    def sticky(self, name, content, pos, width=380, height=260, color=None):
        p = {'content': content, 'height': height, 'width': width}
        if color: p['color'] = color
        self.node(name, 'n8n-nodes-base.stickyNote', p, pos)
    def link(self, src, dst, out=0):
        outs = self.connections.setdefault(src, {'main': []})['main']
        while len(outs) <= out: outs.append([])
        outs[out].append({'node': dst, 'type': 'main', 'index': 0})
    def chain(self, *names):
        for a, b in zip(names, names[1:]): self.link(a, b)
    def check_layout(self):
        """No sticky note may cover a node (n8n draws a node about 100 × 100 from its position)."""
        for s in (n for n in self.nodes if n['type'] == 'n8n-nodes-base.stickyNote'):
            (x, y), w, h = s['position'], s['parameters']['width'], s['parameters']['height']
            for n in (n for n in self.nodes if n['type'] != 'n8n-nodes-base.stickyNote'):
                nx, ny = n['position']
                if nx + 100 > x and nx < x + w and ny + 100 > y and ny < y + h:
                    raise SystemExit(f"{self.name}: sticky note '{s['name']}' covers node '{n['name']}'")
    def save(self, file, error_workflow=True):
        self.check_layout()
        settings = {'executionOrder': 'v1', 'saveManualExecutions': True, 'callerPolicy': 'workflowsFromSameOwner'}
        if error_workflow: settings['errorWorkflow'] = ERROR_WF
        wf = {'id': self.id, 'name': self.name, 'description': self.description, 'active': False, 'nodes': self.nodes,
              'connections': self.connections, 'settings': settings, 'pinData': {}, 'tags': [], 'meta': {'templateCredsSetupCompleted': False}}
        with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'workflows', file), 'w') as f:
            json.dump(wf, f, indent=2, ensure_ascii=False); f.write('\n')

def loop_trigger(wf, pos):
    return wf.node('New Loop returns', f'{PKG}.loopTrigger', {
        'pollTimes': {'item': [{'mode': 'everyX', 'value': 15, 'unit': 'minutes'}]},
        'event': 'newOnly', 'states': ['open'], 'options': {}}, pos, creds=LOOP)

def create_rma(wf, pos, name='Create Xoro RMA', on_error='continueErrorOutput'):
    return wf.node(name, f'{PKG}.xoroRma', {
        'resource': 'rma', 'operation': 'createFromLoopReturn', 'storeCode': STORE, 'customerName': '',
        'itemMapping': {}, 'options': {}}, pos, creds=XORO, onError=on_error)

def create_asn(wf, pos, name='Create linked ASN', on_error='continueErrorOutput'):
    return wf.node(name, f'{PKG}.xoroAsn', {
        'resource': 'asn', 'operation': 'createForRma', 'rmaNumber': '={{ $json.rmaNumber }}', 'xoroGeneratesAsn': False, 'options': {}},
        pos, creds=XORO, onError=on_error)

def import_tail(wf, source, x):
    """RMA then ASN for every return; failed returns go on to fail the run (after the others are done),
    so the error workflow reports them with their Loop return ID (the first one's: Stop and Error
    reads its message for item 0, and $input.all() there makes n8n 2.41 throw a TypeError)."""
    rma, asn = create_rma(wf, [x, 0]), create_asn(wf, [x + 260, 0])
    wf.node('Report failed returns', 'n8n-nodes-base.stopAndError', {'errorType': 'errorMessage',
        'errorMessage': "={{ 'Loop return ' + $('" + source + "').item.json.id + ': ' + $json.error }}"},
        [x + 520, 140])
    wf.link(source, rma); wf.link(rma, asn, 0); wf.link(rma, 'Report failed returns', 1); wf.link(asn, 'Report failed returns', 1)

IMPORT_NOTE = ('### What happens next\nEach Loop return becomes one **Xoro RMA** (one line per SKU) and one **ASN** linked to it. A return that cannot be imported (say, a product Xoro does not know) does not stop the others: it fails the run at the end, and *Loop ↔ Xoro: report failed executions* notes it on the return in Loop (when several fail in one run, the first; the nightly reconciliation retries them all).\n'
    'Both steps are idempotent: a return that is already in Xoro is found and passed on with `alreadyExisted: true`, never created twice.\n\n'
    '**You may change:** the store code (`MAIN`) on *Create Xoro RMA*; *Item mapping* there for products whose Shopify SKU is not the Xoro item number; '
    'switch on *Xoro generates the ASN with the RMA* on *Create linked ASN* if your Xoro does that itself.')

# 1. Scheduled import
w = WF('LoopXoroSchedImp', 'Loop → Xoro: import new returns every 15 minutes',
       'Polls Loop for new returns and creates the Xoro RMA and its linked ASN for each.')
w.sticky('About this workflow', '## Import new Loop returns into Xoro\nEvery 15 minutes, the trigger picks up Loop returns that are new since the last check and creates an RMA and an ASN in Xoro for each.\n\n'
         '**You may change:** how often it checks (open *New Loop returns* → Poll Times; 15 or 30 minutes is usual) and which states count (default: open).\n\n'
         'A return missed during an outage is picked up by *Loop → Xoro: nightly reconciliation*.', [-120, -320], 420, 300)
w.sticky('What happens next', IMPORT_NOTE, [380, -320], 460, 300, color=7)
import_tail(w, loop_trigger(w, [0, 0]), 260)
w.save('01-scheduled-loop-returns-to-xoro.json')

# 2. Date range
w = WF('LoopXoroRangeImp', 'Loop → Xoro: import returns by date range', 'A form asks for a date range and imports every Loop return created in it.')
w.sticky('About this workflow', '## Import Loop returns created in a date range\nOpen the form (production URL of *Pick a date range*), enter From and To, submit. Every return created in that range becomes an RMA and ASN in Xoro; returns already in Xoro are skipped, so running it twice is safe.\n\n'
         'Ranges longer than 120 days are split for you.', [-120, -320], 440, 280)
w.sticky('What happens next', IMPORT_NOTE, [640, -320], 460, 300, color=7)
w.node('Pick a date range', 'n8n-nodes-base.formTrigger', {
    'formTitle': 'Import Loop returns into Xoro', 'formDescription': 'Every Loop return created in this range becomes an RMA and an ASN in Xoro. Returns already in Xoro are skipped.',
    'formFields': {'values': [{'fieldLabel': 'From', 'fieldType': 'date', 'requiredField': True}, {'fieldLabel': 'To', 'fieldType': 'date', 'requiredField': True}]},
    'options': {}}, [0, 0], version=2.2, webhookId='loop-xoro-import-range')
w.node('Get Loop returns in range', f'{PKG}.loopReturn', {
    'operation': 'getMany', 'dateFilter': 'created_at', 'from': '={{ $json.From }}', 'to': "={{ $json.To + 'T23:59:59Z' }}",
    'states': ['open', 'review', 'closed'], 'returnAll': True}, [260, 0], creds=LOOP)
w.link('Pick a date range', 'Get Loop returns in range'); import_tail(w, 'Get Loop returns in range', 520)
w.save('02-import-loop-returns-by-date-range.json')

# 3. One return
w = WF('LoopXoroOneImprt', 'Loop → Xoro: import one return by ID', 'A form takes a Loop return ID (or the return\'s Loop admin URL) and imports it.')
w.sticky('About this workflow', '## Import one Loop return\nPaste the Loop return ID, or the whole address of the return in Loop admin (for example `https://admin.loopreturns.com/returns/52393555`), into the form. The return becomes an RMA and ASN in Xoro, or, if it is already there, you get the existing RMA back.', [-120, -320], 440, 260)
w.sticky('What happens next', IMPORT_NOTE, [640, -320], 460, 300, color=7)
w.node('Enter the Loop return', 'n8n-nodes-base.formTrigger', {
    'formTitle': 'Import one Loop return into Xoro', 'formDescription': 'The Loop return ID, or the return\'s address in Loop admin.',
    'formFields': {'values': [{'fieldLabel': 'Loop return', 'placeholder': '52393555 or https://admin.loopreturns.com/returns/52393555', 'requiredField': True}]},
    'options': {}}, [0, 0], version=2.2, webhookId='loop-xoro-import-one')
w.node('Get the Loop return', f'{PKG}.loopReturn', {
    'operation': 'get', 'lookup': {'__rl': True, 'mode': 'url', 'value': "={{ String($json['Loop return']).trim() }}"}}, [260, 0], creds=LOOP)
w.link('Enter the Loop return', 'Get the Loop return'); import_tail(w, 'Get the Loop return', 520)
w.save('03-import-one-loop-return.json')

def process_or_flag(wf, receipt, x, y, prefix=''):
    """Fully received -> process the Loop return, short -> flag it with a note. Both are idempotent (a return
    Loop already processed, or one already flagged, is a success); a return Loop refuses (flagged by a person,
    cancelled) goes to the error output and gets a note saying why, once, and the other returns go on."""
    proc, flag, note = prefix + 'Process the Loop return', prefix + 'Flag the Loop return', prefix + 'Note the failure on the Loop return'
    wf.node(proc, f'{PKG}.loopReturn', {
        'operation': 'process', 'returnId': {'__rl': True, 'mode': 'id', 'value': '={{ $json.loopReturnId }}'},
        'additionalDetails': {'detail': [{'key': 'xoro_rma', 'value': '={{ $json.rmaNumber }}'}, {'key': 'xoro_asn', 'value': '={{ $json.asnNumber }}'}]}},
        [x, y - 100], creds=LOOP, onError='continueErrorOutput')
    wf.node(flag, f'{PKG}.loopReturn', {
        'operation': 'flag', 'returnId': {'__rl': True, 'mode': 'id', 'value': '={{ $json.loopReturnId }}'},
        'note': "={{ ('Xoro ASN ' + $json.asnNumber + ' closed, not fully received. Short: ' + ($json.shortLines || []).map(l => l.itemNumber + ' ' + l.received + '/' + l.expected).join(', ')).slice(0, 255) }}"},
        [x, y + 100], creds=LOOP, onError='continueErrorOutput')
    wf.node(note, f'{PKG}.loopReturn', {
        'operation': 'addNote', 'returnId': {'__rl': True, 'mode': 'id', 'value': "={{ $('" + receipt + "').item.json.loopReturnId }}"},
        'content': "={{ ('n8n: Xoro ASN ' + $('" + receipt + "').item.json.asnNumber + ' closed; ' + $json.error).slice(0, 255) }}", 'skipIfNoted': True},
        [x + 300, y + 260], creds=LOOP, onError='continueRegularOutput')
    wf.link(receipt, proc, 0); wf.link(receipt, flag, 1); wf.link(proc, note, 1); wf.link(flag, note, 1)

# 4. ASN closed -> process or flag
w = WF('LoopXoroAsnClose', 'Xoro → Loop: process or flag returns when the ASN closes',
       'Within a minute of an RMA ASN closing in Xoro: fully received → process the Loop return; otherwise flag it with a note naming the short lines.')
w.sticky('About this workflow', '## When the warehouse closes a return ASN\nEvery minute, *ASN closed* picks up ASNs closed in Xoro since the last check. *Check receipt* compares received with expected quantities:\n'
         '- **Fully received** → the Loop return is **processed** (Loop then issues the gift card, refund or exchange). The Xoro RMA and ASN numbers go along as Additional Details.\n'
         '- **Not fully received** → the Loop return is **flagged** and a note lists the short lines. Someone then decides in Loop.\n\n'
         'A return Loop already processed (say, on a carrier scan) or already flagged counts as done. One Loop refuses (a person flagged or cancelled it) gets a note with Loop\'s reason, once; the other returns go on. *Loop → Xoro: nightly reconciliation* tries again every return still open whose ASN is closed.\n\n'
         '**You may change:** the note text on *Flag the Loop return*; the Additional Details keys on *Process the Loop return*.', [-120, -440], 520, 400)
w.node('ASN closed', f'{PKG}.xoroTrigger', {'pollTimes': {'item': [{'mode': 'everyMinute'}]}, 'event': 'asnClosed', 'options': {}}, [0, 0], creds=XORO)
w.node('Check receipt', f'{PKG}.xoroAsn', {'resource': 'asn', 'operation': 'receiptStatus', 'asnNumber': '={{ $json.asnNumber }}'}, [260, 0], creds=XORO)
process_or_flag(w, 'Check receipt', 560, 0)
w.link('ASN closed', 'Check receipt')
w.save('04-asn-closed-process-or-flag.json')

# 5. Shopify outcomes -> Xoro
w = WF('LoopXoroShopOutc', 'Shopify → Xoro: credits, refunds and exchanges from processed returns',
       'Every 15 minutes, reads what processed Loop returns created in Shopify and records it in Xoro.')
w.sticky('About this workflow', '## Loop outcomes in Shopify → Xoro\nWhen Loop processes a return it creates, in Shopify, a **gift card** (store credit), a **refund**, or an **exchange order**. Every 15 minutes this workflow picks up the new ones and records each once in Xoro:\n'
         '- gift card → **credit memo**\n- refund → **refunded credit memo**\n- exchange → **sales order** (picked, packed and shipped as usual)\n\n'
         'Gift cards spent later are handled by *Shopify → Xoro: apply store credit when a gift card is spent*.\n\n'
         '**You may change:** the schedule; the exchange order prefixes on *New Shopify transactions*; *Item mapping* on the Xoro nodes.', [-120, -440], 520, 380)
w.node('Every 15 minutes', 'n8n-nodes-base.scheduleTrigger', {'rule': {'interval': [{'field': 'minutes', 'minutesInterval': 15}]}}, [0, 0], version=1.2)
w.node('New Shopify transactions', f'{PKG}.shopifyTransactions', {
    'operation': 'getAll', 'windowMode': 'cursor', 'lookbackHours': 24, 'overlapMinutes': 10,
    'exchangePrefixes': 'EXC-,L-', 'includeNativeExchanges': True, 'onlyLoopGiftCards': True}, [240, 0], creds=SHOP)
def report_failed_transactions(wf, source, pos, failing):
    """Failed transactions fail the run once the others are done, naming the Loop return for the error workflow."""
    wf.node('Report failed transactions', 'n8n-nodes-base.stopAndError', {'errorType': 'errorMessage',
        'errorMessage': "={{ 'Loop return ' + ($('" + source + "').item.json.loopReturnId || 'unknown') + ', Shopify ' + $('" + source + "').item.json.kind + ' ' + $('" + source + "').item.json.id + ': ' + $json.error }}"}, pos)
    for n in failing:
        next(x for x in wf.nodes if x['name'] == n)['onError'] = 'continueErrorOutput'
        wf.link(n, 'Report failed transactions', 1)

def rule(kind):
    return {'conditions': {'options': {'caseSensitive': True, 'leftValue': '', 'typeValidation': 'strict'},
            'conditions': [{'leftValue': '={{ $json.kind }}', 'rightValue': kind, 'operator': {'type': 'string', 'operation': 'equals'}}], 'combinator': 'and'},
            'renameOutput': True, 'outputKey': kind}
w.node('By kind', 'n8n-nodes-base.switch', {'rules': {'values': [rule('credit'), rule('refund'), rule('exchange')]}, 'options': {}}, [480, 0], version=3.2)
w.node('Credit memo for the gift card', f'{PKG}.xoroRma', {'resource': 'creditMemo', 'operation': 'create', 'adjustmentSku': 'STORE-CREDIT', 'thirdPartySource': 'Loop Returns', 'itemMapping': {}, 'options': {}}, [760, -180], creds=XORO)
w.node('Refunded credit memo', f'{PKG}.xoroRma', {'resource': 'creditMemo', 'operation': 'createRefunded', 'adjustmentSku': 'STORE-CREDIT', 'thirdPartySource': 'Loop Returns', 'itemMapping': {}, 'options': {}}, [760, 0], creds=XORO)
w.node('Exchange sales order', f'{PKG}.xoroRma', {'resource': 'salesOrder', 'operation': 'createExchange', 'thirdPartySource': 'Loop Returns', 'itemMapping': {}, 'options': {}}, [760, 180], creds=XORO)
w.chain('Every 15 minutes', 'New Shopify transactions', 'By kind')
w.link('By kind', 'Credit memo for the gift card', 0); w.link('By kind', 'Refunded credit memo', 1); w.link('By kind', 'Exchange sales order', 2)
report_failed_transactions(w, 'New Shopify transactions', [1040, 360], ['Credit memo for the gift card', 'Refunded credit memo', 'Exchange sales order'])
w.save('05-shopify-outcomes-to-xoro.json')

# 6. Gift card spent
w = WF('LoopXoroGiftSpnt', 'Shopify → Xoro: apply store credit when a gift card is spent',
       'Every 15 minutes, finds orders paid with a Loop gift card and applies the matching Xoro credit memo to the order\'s invoice.')
w.sticky('About this workflow', '## A Loop gift card is spent\nWhen a customer pays a new order with the gift card Loop issued, the credit memo Xoro holds for that card is **applied to the new order\'s invoice**, once per payment.\n\n'
         'Xoro invoices an order when it ships, often hours or days later: until then the payment comes out of *Apply credit memo to invoice* with `pending: true` and is tried again on every run, and applied once the invoice exists. After 60 days (*Wait for Invoice* on that node) it is reported as failed. A missing credit memo is reported at once.', [-120, -340], 460, 300)
w.node('Every 15 minutes', 'n8n-nodes-base.scheduleTrigger', {'rule': {'interval': [{'field': 'minutes', 'minutesInterval': 15}]}}, [0, 0], version=1.2)
w.node('Gift card payments', f'{PKG}.shopifyTransactions', {'operation': 'getGiftCardRedemptions', 'windowMode': 'cursor', 'lookbackHours': 24, 'overlapMinutes': 10, 'onlyLoopGiftCards': True}, [240, 0], creds=SHOP)
w.node('Apply credit memo to invoice', f'{PKG}.xoroRma', {'resource': 'creditMemo', 'operation': 'applyToInvoice'}, [480, 0], creds=XORO)
w.chain('Every 15 minutes', 'Gift card payments', 'Apply credit memo to invoice')
report_failed_transactions(w, 'Gift card payments', [760, 140], ['Apply credit memo to invoice'])
w.save('06-gift-card-spent-apply-credit.json')

# 7. Error workflow
w = WF(ERROR_WF, 'Loop ↔ Xoro: report failed executions', 'Error workflow of the other templates: reports each failure with the Loop return it concerns.')
w.sticky('About this workflow', '## When a Loop ↔ Xoro workflow fails\nThe other templates name this one as their *Error workflow* (Workflow settings). For every failed execution it builds a short report: which workflow, which step, the error, and the **Loop return ID** when the error names one; then it adds that report as a note on the Loop return, so whoever looks at the return in Loop sees it.\n\n'
         '**You may add:** a Slack, email or Teams node after *Build the report* to be told at once.', [-120, -340], 480, 300)
w.node('A workflow failed', 'n8n-nodes-base.errorTrigger', {}, [0, 0])
w.node('Build the report', 'n8n-nodes-base.set', {'mode': 'manual', 'assignments': {'assignments': [
    {'id': nid(ERROR_WF, 'a1'), 'name': 'workflow', 'value': '={{ $json.workflow.name }}', 'type': 'string'},
    {'id': nid(ERROR_WF, 'a2'), 'name': 'failedStep', 'value': '={{ $json.execution.lastNodeExecuted }}', 'type': 'string'},
    {'id': nid(ERROR_WF, 'a3'), 'name': 'error', 'value': '={{ $json.execution.error.message }}', 'type': 'string'},
    {'id': nid(ERROR_WF, 'a4'), 'name': 'executionUrl', 'value': '={{ $json.execution.url }}', 'type': 'string'},
    {'id': nid(ERROR_WF, 'a5'), 'name': 'loopReturnId', 'value': "={{ ((($json.execution.error.message || '') + ' ' + ($json.execution.error.description || '')).match(/Loop return (\\d+)/) || [])[1] || '' }}", 'type': 'string'},
    ]}, 'options': {}}, [240, 0], version=3.4)
w.node('Names a Loop return?', 'n8n-nodes-base.if', {'conditions': {'options': {'caseSensitive': True, 'leftValue': '', 'typeValidation': 'strict'},
    'conditions': [{'leftValue': '={{ $json.loopReturnId }}', 'rightValue': '', 'operator': {'type': 'string', 'operation': 'notEmpty', 'singleValue': True}}], 'combinator': 'and'}, 'options': {}}, [480, 0], version=2.2)
w.node('Note on the Loop return', f'{PKG}.loopReturn', {'operation': 'addNote', 'returnId': {'__rl': True, 'mode': 'id', 'value': '={{ $json.loopReturnId }}'},
    'content': "={{ ('n8n: ' + $json.workflow + ' failed at ' + $json.failedStep + ': ' + $json.error).slice(0, 255) }}"}, [720, -80], creds=LOOP, onError='continueRegularOutput')
w.chain('A workflow failed', 'Build the report', 'Names a Loop return?'); w.link('Names a Loop return?', 'Note on the Loop return', 0)
w.save('07-error-report.json', error_workflow=False)

# 8. Nightly reconciliation
w = WF('LoopXoroNightRec', 'Loop → Xoro: nightly reconciliation',
       'Every night, re-runs the imports over the last 3 days (idempotently) and lists what was missing in Xoro.')
w.sticky('About this workflow', '## Nightly reconciliation\nA polling trigger moves on even when the run after it fails, so a return could be missed during an outage. Every night at 02:00 this workflow goes over the **last 3 days** again:\n'
         '- every Loop return → RMA and ASN in Xoro;\n- every Shopify credit, refund, exchange and gift-card payment → its Xoro document.\n\n'
         '- every Loop return still **open** (created in the last 120 days) whose Xoro ASN is closed → processed or flagged again, as *Xoro → Loop: process or flag returns when the ASN closes* would have (when that failed, or Loop was down).\n\n'
         'Everything is idempotent: what already exists is left alone. *What was missing* lists only what this run had to create: the differences between Loop, Shopify and Xoro.\n\n'
         '**You may change:** the hour, and how many days back (*Days back*).', [-120, -600], 520, 460)
w.node('Every night', 'n8n-nodes-base.scheduleTrigger', {'rule': {'interval': [{'field': 'days', 'triggerAtHour': 2}]}}, [0, 0], version=1.2)
w.node('Days back', 'n8n-nodes-base.set', {'mode': 'manual', 'assignments': {'assignments': [
    {'id': nid('rec', 'd1'), 'name': 'from', 'value': "={{ $now.minus({ days: 3 }).toISO() }}", 'type': 'string'},
    {'id': nid('rec', 'd2'), 'name': 'to', 'value': '={{ $now.toISO() }}', 'type': 'string'}]}, 'options': {}}, [220, 0], version=3.4)
w.node('Loop returns updated', f'{PKG}.loopReturn', {'operation': 'getMany', 'dateFilter': 'updated_at', 'from': '={{ $json.from }}', 'to': '={{ $json.to }}',
    'states': ['open', 'review', 'closed'], 'returnAll': True}, [460, -160], creds=LOOP, alwaysOutputData=False)
create_rma(w, [700, -160], 'Ensure RMA', 'continueRegularOutput'); create_asn(w, [940, -160], 'Ensure ASN', 'continueRegularOutput')
w.node('Shopify transactions', f'{PKG}.shopifyTransactions', {'operation': 'getAll', 'windowMode': 'range', 'since': '={{ $json.from }}', 'until': '={{ $json.to }}',
    'exchangePrefixes': 'EXC-,L-', 'includeNativeExchanges': True, 'onlyLoopGiftCards': True}, [460, 160], creds=SHOP)
w.node('By kind', 'n8n-nodes-base.switch', {'rules': {'values': [rule('credit'), rule('refund'), rule('exchange'), rule('redemption')]}, 'options': {}}, [700, 160], version=3.2)
w.node('Ensure credit memo', f'{PKG}.xoroRma', {'resource': 'creditMemo', 'operation': 'create', 'adjustmentSku': 'STORE-CREDIT', 'thirdPartySource': 'Loop Returns', 'itemMapping': {}, 'options': {}}, [940, 40], creds=XORO, onError='continueRegularOutput')
w.node('Ensure refunded credit memo', f'{PKG}.xoroRma', {'resource': 'creditMemo', 'operation': 'createRefunded', 'adjustmentSku': 'STORE-CREDIT', 'thirdPartySource': 'Loop Returns', 'itemMapping': {}, 'options': {}}, [940, 200], creds=XORO, onError='continueRegularOutput')
w.node('Ensure exchange order', f'{PKG}.xoroRma', {'resource': 'salesOrder', 'operation': 'createExchange', 'thirdPartySource': 'Loop Returns', 'itemMapping': {}, 'options': {}}, [940, 360], creds=XORO, onError='continueRegularOutput')
w.node('Ensure credit applied', f'{PKG}.xoroRma', {'resource': 'creditMemo', 'operation': 'applyToInvoice'}, [940, 520], creds=XORO, onError='continueRegularOutput')
w.node('What was missing', 'n8n-nodes-base.filter', {'conditions': {'options': {'caseSensitive': True, 'leftValue': '', 'typeValidation': 'loose'},
    'conditions': [{'leftValue': '={{ $json.alreadyExisted }}', 'rightValue': True, 'operator': {'type': 'boolean', 'operation': 'notEquals'}}], 'combinator': 'and'}, 'options': {}}, [1200, 160], version=2.2)
w.node('Open Loop returns', f'{PKG}.loopReturn', {'operation': 'getMany', 'dateFilter': 'created_at', 'states': ['open'], 'returnAll': True}, [460, -520], creds=LOOP)
# A lookup Xoro refuses (it throttles under load) leaves that return for the next night: its error output
# leads nowhere, and an error item must never reach the ASN search without an RMA number (that lists every ASN).
w.node('Their RMA', f'{PKG}.xoroRma', {'resource': 'rma', 'operation': 'getMany', 'returnAll': True, 'filters': {'thirdPartyRefNo': '={{ $json.id }}'}}, [700, -520], creds=XORO, onError='continueErrorOutput')
w.node('Their closed ASN', f'{PKG}.xoroAsn', {'resource': 'asn', 'operation': 'getMany', 'returnAll': True, 'filters': {'status': 'Closed', 'rmaNumber': '={{ $json.rmaNumber }}'}}, [940, -520], creds=XORO, onError='continueErrorOutput')
w.node('Recheck receipt', f'{PKG}.xoroAsn', {'resource': 'asn', 'operation': 'receiptStatus', 'asnNumber': '={{ $json.asnNumber }}'}, [1180, -520], creds=XORO)
process_or_flag(w, 'Recheck receipt', 1440, -520, 'Recheck: ')
w.link('Days back', 'Open Loop returns'); w.chain('Open Loop returns', 'Their RMA', 'Their closed ASN', 'Recheck receipt')
w.chain('Every night', 'Days back')
w.link('Days back', 'Loop returns updated'); w.link('Days back', 'Shopify transactions')
w.chain('Loop returns updated', 'Ensure RMA', 'Ensure ASN', 'What was missing')
w.link('Shopify transactions', 'By kind')
for i, n in enumerate(['Ensure credit memo', 'Ensure refunded credit memo', 'Ensure exchange order', 'Ensure credit applied']):
    w.link('By kind', n, i); w.link(n, 'What was missing')
w.save('08-nightly-reconciliation.json')
print('ok')
