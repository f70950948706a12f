import os; exec(open(os.path.join(os.path.dirname(__file__), 'common.py')).read())
# A rare news topic whose rules are weighed as another news topic with enough examples weighs
# its own: one weight per kind of rule feature (@lead, #paragraphs, #2+, %coverage; for and
# against), fitted on the donor's examples with each rule's features summed per kind, then one
# scale for the rare news topic. Against its rules' net score (the project's model for a rare
# news topic) and the eight kind sums fitted directly. The rare news topic keeps N of its dev
# positives (seeded) and no probes; every dev positive of a test fold is scored, the left-out
# ones too (the project's rare-topic.sh leaves them out). Two partitions into folds.
#   tools/topic-experiments/run.sh rare_transfer.py joint-strikes airspace-deal
import sys
pool=np.array([e['pool'] for e in ex])
KINDS=['@lead','#paragraphs','#2+','%coverage']
def kinds(t):
    names,signs,req,M=data[t]
    cols=[]
    for against in (False,True):
        for k in KINDS:
            idx=[i for i,n in enumerate(names) if n.endswith(k) and '+' in n and n.startswith('against ')==against]
            cols.append(M[:,idx].sum(1))
    return np.array(cols).T
def net(t):
    names,signs,req,M=data[t]
    return (M[:,names.index('rules')]-M[:,names.index('rules against')])[:,None]
def donor_weights(t):
    m=LogisticRegression(C=1,class_weight='balanced',max_iter=5000); m.fit(kinds(t),Y[t],sample_weight=W)
    return m.coef_[0]
def rare(t,donor,n,seed,mode):
    y=Y[t]; req=data[t][2]
    devpos=np.where(dev&y)[0]; keep=set(np.random.RandomState(seed).choice(devpos,n,replace=False))
    usable=np.array([(not (dev[i] and y[i]) or i in keep) and pool[i]!='PROBE' for i in range(N)])
    X={'net':lambda: net(t),'transfer':lambda: (kinds(t)@donor_weights(donor))[:,None],'kinds':lambda: kinds(t)}[mode]()
    mk=lambda c: LogisticRegression(C=c,class_weight='balanced',max_iter=5000)
    res=[]
    for p in range(2):
        pred=np.zeros(N,bool)
        for f in range(5):
            train=np.where((folds[p]!=f)&usable)[0]; test=np.where((folds[p]==f)&dev)[0]
            m,th=run(mk,t,X,train,[.3,1,3,10])
            pred[test]=req[test]&(m.predict_proba(X[test])[:,1]>=max(th,.5))
        tp=(pred&y&dev).sum(); fp=(pred&~y&dev).sum(); fn=(~pred&y&dev).sum()
        res.append((2*tp/(2*tp+fp+fn),(pred&hard).sum()))
    return np.array(res).mean(0)
t,donor=sys.argv[1],sys.argv[2]
print('kind weights learnt from',donor,np.round(donor_weights(donor),2))
for n in [3,5,8]:
    for seed in [1,2,3]:
        print(t,n,seed,' | '.join('%s F1 %.3f hn %.1f'%(mode,*rare(t,donor,n,seed,mode)) for mode in ['net','transfer','kinds']),flush=True)
